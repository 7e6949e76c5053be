// Verdicts on a decision record's claims from a run (or several runs pooled).
//   supported     the interval lies entirely on the claim's side of its threshold;
//   refuted       the interval lies entirely on the other side;
//   inconclusive  it straddles the threshold, or there are too few repetitions for an interval.
// "Entirely", with every interval-based verdict of the file in one Holm family: each is a
// two-sided test of "the value is the threshold", Holm-adjusted at α = 1 − confidence, and a
// verdict is supported or refuted only when its adjusted p ≤ α (the interval at its Holm level
// then lies wholly on one side). Ratios between processors of one run are paired by round (both
// ran in every round), with compare's interval method by number of pairs; levels use the t
// interval over repetitions. "No pauses" is a count claim, decided on the observations
// themselves (see noPauses below) and outside the family.
import { analyseRatio, sampleOf, type PairingInfo } from '../compare/estimate.ts';
import { METRICS } from '../compare/metrics.ts';
import { coverage, unitsOf } from '../compare/units.ts';
import type { RunRecord } from '../results/schema.ts';
import { holm } from '../stats/holm.ts';
import type { Estimate } from '../stats/interval.ts';
import { levelInterval } from '../stats/level-interval.ts';
import { estimateOf, METHOD_TEXT, pTwoSided, type LocationSample } from '../stats/location.ts';
import { tQuantile } from '../stats/student-t.ts';
import type { StoredMicrobench } from '../results/microbench-schema.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import { evaluateLoadClaim } from './load-claims.ts';
import { microbenchClaim } from './microbench-claim.ts';
import type { Claim, ClaimsFile } from './schema.ts';

export type ClaimVerdictKind = 'supported' | 'refuted' | 'inconclusive';

/** The verdict's test: two-sided p of "the value is the threshold", Holm-adjusted over the file's interval-based verdicts. */
export interface ClaimTest {
  p_raw: number;
  p_adjusted: number;
  /** α / (m − rank + 1): this verdict's level. */
  level: number;
  family: number;
  /** The interval at 1 − level, the level Holm holds this verdict to. */
  ci_low_adjusted: number | null;
  ci_high_adjusted: number | null;
}

export interface ClaimVerdict {
  claim_id: string;
  description: string;
  /** The scenario this verdict is about; null when the claim pools every scenario. */
  scenario: string | null;
  /** The point estimate; null when there is nothing to estimate from. */
  measured: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** e.g. "ratio", "pauses per repetition", "share", "events/s per core". */
  unit: string;
  verdict: ClaimVerdictKind;
  reasons: string[];
  /** Repetitions (or capacity measurements) the verdict rests on. */
  n: number;
  /** Ratio claims: the matched rounds, or why unpaired. */
  pairing?: PairingInfo;
  /** Interval-based verdicts: the Holm-adjusted test. */
  test?: ClaimTest;
}

interface Settings {
  confidence: number;
  min_n: number;
}

const fmt = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));
const pText = (p: number) => (p < 0.0001 ? '<0.0001' : p.toFixed(4));

/** A verdict waiting for the family's Holm step: its interval, and what to test it with. */
interface Pending {
  verdict: ClaimVerdict;
  claim: Claim & { op: '<=' | '>='; value: number };
  sample: LocationSample;
  /** The threshold on the sample's scale. */
  theta: number;
  /** From the sample's scale back to the claim's. */
  back: (x: number) => number;
}

type Evaluated = ClaimVerdict | Pending;
const isPending = (x: Evaluated): x is Pending => 'sample' in x;

/** The verdict before Holm: the interval and its reasons; `verdict` is set by `decide`. */
function pending(claim: Pending['claim'], e: Estimate, sample: LocationSample | null, scenario: string | null, unit: string, theta: number, back: (x: number) => number): Evaluated {
  const base = { claim_id: claim.id, description: claim.description, scenario, unit };
  if (e.kind === 'insufficient' || !sample) {
    return { ...base, measured: null, ci_low: null, ci_high: null, verdict: 'inconclusive', reasons: e.kind === 'insufficient' ? e.reasons : ['no interval'], n: Math.max(e.n_a, e.n_b) };
  }
  const n = e.n_b === 0 ? e.n_a : Math.min(e.n_a, e.n_b);
  const verdict: ClaimVerdict = { ...base, measured: e.estimate, ci_low: e.ci_low, ci_high: e.ci_high, verdict: 'inconclusive', reasons: [], n };
  return { verdict, claim, sample, theta, back };
}

/** Decides a pending verdict from its Holm step. */
function decide(x: Pending, step: { p_raw: number; p_adjusted: number; level: number }, family: number, s: Settings, clip: (v: number) => number): ClaimVerdict {
  const { claim, verdict: v } = x;
  const alpha = 1 - s.confidence;
  const adjusted = estimateOf(x.sample, 1 - step.level, x.back);
  const lo = adjusted.kind === 'interval' ? clip(adjusted.ci_low) : null;
  const hi = adjusted.kind === 'interval' ? clip(adjusted.ci_high) : null;
  const significant = step.p_adjusted <= alpha;
  const below = v.measured! < claim.value;
  const claimSide = significant && (claim.op === '<=' ? below : !below);
  const otherSide = significant && !claimSide;
  const [ours, theirs] = claim.op === '<=' ? ['below', 'above'] : ['above', 'below'];
  const ci = `${Math.round(s.confidence * 100)}% interval [${fmt(v.ci_low!)}, ${fmt(v.ci_high!)}]`;
  const atLevel = lo !== null && hi !== null ? `; at its Holm level ${(100 * (1 - step.level)).toFixed(2)}%: [${fmt(lo)}, ${fmt(hi)}]` : '';
  const where = claimSide ? `lies entirely ${ours} ${fmt(claim.value)}` : otherSide ? `lies entirely ${theirs} ${fmt(claim.value)}` : `is not wholly on one side of ${fmt(claim.value)}`;
  const method = `${v.n} ${x.sample.design === 'paired' && x.sample.method !== 'log-t' && x.sample.method !== 't' ? 'pair(s)' : 'repetition(s)'}, ${METHOD_TEXT[x.sample.method]}`;
  return {
    ...v,
    verdict: claimSide ? 'supported' : otherSide ? 'refuted' : 'inconclusive',
    reasons: [`the ${ci}${atLevel} ${where} (p ${pText(step.p_raw)}, Holm-adjusted over ${family} ${pText(step.p_adjusted)} ${significant ? '≤' : '>'} ${alpha.toFixed(2)})`, method, ...v.reasons],
    test: { p_raw: step.p_raw, p_adjusted: step.p_adjusted, level: step.level, family, ci_low_adjusted: lo, ci_high_adjusted: hi },
  };
}

function scenariosFor(claim: Claim, runs: readonly RunRecord[]): string[] {
  return claim.scenarios === 'all' ? coverage(runs).scenarios : claim.scenarios;
}

function missing(claim: Claim, scenario: string, why: string): ClaimVerdict {
  return { claim_id: claim.id, description: claim.description, scenario, measured: null, ci_low: null, ci_high: null, unit: '', verdict: 'inconclusive', reasons: [why], n: 0 };
}

function ratioClaim(claim: Extract<Claim, { kind: 'ratio' }>, runs: readonly RunRecord[], s: Settings): Evaluated[] {
  const def = METRICS[claim.metric];
  const have = coverage(runs).scenarios;
  return scenariosFor(claim, runs).flatMap((scenario) => {
    if (!have.includes(scenario)) return [missing(claim, scenario, `the run has no scenario "${scenario}"`)];
    const subjUnits = unitsOf(runs, scenario, claim.subject, { metric: def });
    const refUnits = unitsOf(runs, scenario, claim.reference, { metric: def });
    const subj = sampleOf(def, subjUnits);
    const ref = sampleOf(def, refUnits);
    // A metric that does not apply to this scenario (e.g. CPU per event on reads) is no evidence either way.
    if (claim.scenarios === 'all' && subj.values.length === 0 && ref.values.length === 0) return [];
    const r = analyseRatio(ref, subj, true, { method: 'auto', pairing: 'rounds', confidence: s.confidence, min_n: s.min_n });
    const out = pending(claim, r.ratio, r.sample, scenario, `ratio ${claim.subject}/${claim.reference}`, Math.log(claim.value), Math.exp);
    (isPending(out) ? out.verdict : out).pairing = r.pairing;
    if (r.pairing.kind === 'unpaired') (isPending(out) ? out.verdict : out).reasons.push(`compared unpaired: ${r.pairing.reason}`);
    const short = subjUnits.not_to_precision.length + refUnits.not_to_precision.length;
    if (short) (isPending(out) ? out.verdict : out).reasons.push(`${short} of ${subjUnits.measurements.length + refUnits.measurements.length} repetition(s) not measured to precision (kept: their phases ran to the cap)`);
    return [out];
  });
}

function pauseShareClaim(claim: Extract<Claim, { kind: 'pause_share' }>, runs: readonly RunRecord[], s: Settings): Evaluated[] {
  const have = coverage(runs).scenarios;
  return scenariosFor(claim, runs).flatMap((scenario) => {
    if (!have.includes(scenario)) return [missing(claim, scenario, `the run has no scenario "${scenario}"`)];
    const ms = unitsOf(runs, scenario, claim.processor).measurements;
    const shares = ms.flatMap((m) => (m.pause_attribution ? [m.pause_attribution.slow_overlap_share] : []));
    const e = levelInterval(shares, { scale: 'linear', range: [0, 1], confidence: s.confidence, min_n: s.min_n });
    const v = pending(claim, e, { design: 'paired', method: 't', d: shares }, scenario, 'share of slow requests in a pause', claim.value, (x) => x);
    if (shares.length < ms.length) (isPending(v) ? v.verdict : v).reasons.push(`${ms.length - shares.length} repetition(s) have no pause attribution`);
    return [v];
  });
}

function capacityClaim(claim: Extract<Claim, { kind: 'capacity_per_core' }>, runs: readonly RunRecord[], s: Settings): Evaluated[] {
  const have = coverage(runs).scenarios;
  return scenariosFor(claim, runs).flatMap((scenario) => {
    if (!have.includes(scenario)) return [missing(claim, scenario, `the run has no scenario "${scenario}"`)];
    const perCore = runs.flatMap((run) => {
      const cores = Math.max(1, run.manifest.provenance.threads);
      return run.capacity.filter((c) => c.scenario === scenario && c.processor === claim.processor && c.status === 'ok' && c.events_per_s > 0).map((c) => c.events_per_s / cores);
    });
    if (claim.scenarios === 'all' && perCore.length === 0) return [];
    const e = levelInterval(perCore, { scale: 'log', confidence: s.confidence, min_n: s.min_n });
    const v = pending(claim, e, { design: 'paired', method: 'log-t', d: perCore.map(Math.log) }, scenario, 'events/s per core', Math.log(claim.value), Math.exp);
    if (!isPending(v)) {
      v.measured = perCore.length ? perCore.reduce((a, b) => a + b, 0) / perCore.length : null;
      v.reasons.push('capacity is measured once per run: pool runs (`harness claims <run> <run> <run>`) for an interval');
    }
    return [v];
  });
}

/**
 * "No pauses" is about a count, where an interval that must exclude the threshold can never be
 * reached (zero observed pauses still allows a small rate). So: refuted as soon as a pause was
 * recorded; supported when the runtime reports having no collector and none was recorded in at
 * least min_n repetitions; inconclusive otherwise (no runtime data, too few repetitions, or a
 * collector that happened not to run). The interval is the exact Poisson one for the pause rate.
 */
function noPausesClaim(claim: Extract<Claim, { kind: 'no_pauses' }>, runs: readonly RunRecord[], s: Settings): ClaimVerdict[] {
  // Pause counts are the runtime's own: the driver's side of the tail cannot reach them.
  const ms = scenariosFor(claim, runs).flatMap((sc) => unitsOf(runs, sc, claim.processor, { metric: { driver_tail_reaches: false } }).measurements);
  const withRuntime = ms.filter((m) => m.runtime !== null);
  const base = { claim_id: claim.id, description: claim.description, scenario: null, unit: 'pauses per repetition', n: withRuntime.length };
  if (withRuntime.length === 0) return [{ ...base, measured: null, ci_low: null, ci_high: null, verdict: 'inconclusive', reasons: [`no repetition of ${claim.processor} has runtime data`] }];
  const pauses = withRuntime.reduce((sum, m) => sum + Math.max(m.runtime!.gc_count, m.runtime!.pauses.length), 0);
  const n = withRuntime.length;
  // Poisson bounds on the count: exact for 0 ([0, −ln(α/2)]), Wilson–Hilferty otherwise.
  const alpha = 1 - s.confidence;
  const z = tQuantile(1 - alpha / 2, 1e9);
  const upper = pauses === 0 ? -Math.log(alpha / 2) : (pauses + 1) * (1 - 1 / (9 * (pauses + 1)) + z / (3 * Math.sqrt(pauses + 1))) ** 3;
  const lower = pauses === 0 ? 0 : pauses * (1 - 1 / (9 * pauses) - z / (3 * Math.sqrt(pauses))) ** 3;
  const interval = { measured: pauses / n, ci_low: lower / n, ci_high: upper / n };
  const collector = withRuntime.some((m) => m.runtime!.collector);
  const reasons = [`${pauses} pause(s) recorded in ${n} repetition(s)`, collector ? 'the runtime reports a garbage collector' : 'the runtime reports no garbage collector'];
  if (ms.length > withRuntime.length) reasons.push(`${ms.length - withRuntime.length} repetition(s) without runtime data`);
  if (pauses > 0) return [{ ...base, ...interval, verdict: 'refuted', reasons }];
  if (n < s.min_n) return [{ ...base, ...interval, verdict: 'inconclusive', reasons: [...reasons, `at least ${s.min_n} repetitions needed`] }];
  if (collector) return [{ ...base, ...interval, verdict: 'inconclusive', reasons: [...reasons, 'a collector that did not run here may run elsewhere'] }];
  return [{ ...base, ...interval, verdict: 'supported', reasons }];
}

/**
 * What the claims that are not about a run's repetitions read: a micro-benchmark result (null:
 * none) and the sweeps of `harness sweep` (none: those claims are not measured).
 */
export interface ClaimsEvidence {
  microbench?: StoredMicrobench | null;
  sweeps?: readonly SweepResult[];
}

/** Every claim's verdicts (one per scenario for per-scenario claims), in the file's order. */
export function evaluateClaims(run: RunRecord | readonly RunRecord[], claims: ClaimsFile, evidence: ClaimsEvidence = {}): ClaimVerdict[] {
  const runs: readonly RunRecord[] = Array.isArray(run) ? run : [run as RunRecord];
  const s: Settings = { confidence: claims.confidence, min_n: claims.min_repetitions };
  const evaluated = evaluateEach(runs, claims, s, evidence);
  const tested = evaluated.filter(isPending);
  const steps = holm(tested.map((x) => pTwoSided(x.sample, x.theta)), 1 - s.confidence);
  const decided = new Map(tested.map((x, k) => [x, decide(x, steps[k]!, tested.length, s, x.claim.kind === 'pause_share' ? clipShare : (v: number) => v)]));
  return evaluated.map((x) => (isPending(x) ? decided.get(x)! : x));
}

const clipShare = (v: number) => Math.min(1, Math.max(0, v));

// Micro-benchmark and load claims are decided on their own intervals, outside the Holm family:
// their evidence is not the run's repetitions (a micro-benchmark's samples, a sweep's steps).
function evaluateEach(runs: readonly RunRecord[], claims: ClaimsFile, s: Settings, evidence: ClaimsEvidence): Evaluated[] {
  return claims.claims.flatMap((c): Evaluated[] => {
    switch (c.kind) {
      case 'ratio':
        return ratioClaim(c, runs, s);
      case 'pause_share':
        return pauseShareClaim(c, runs, s);
      case 'capacity_per_core':
        return capacityClaim(c, runs, s);
      case 'no_pauses':
        return noPausesClaim(c, runs, s);
      case 'microbench':
        return [microbenchClaim(c, evidence.microbench ?? null, s.confidence)];
      case 'equal_load_ratio':
      case 'sustainable_per_core':
        return evaluateLoadClaim(c, evidence.sweeps ?? [], s);
    }
  });
}
