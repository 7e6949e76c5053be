// Verdicts on a decision record's claims from a run (or several runs pooled).
//   supported     the interval lies entirely on the claim's side of its threshold;
//   refuted       the interval lies entirely on the other side;
//   inconclusive  it straddles the threshold, or there are too few repetitions for an interval.
// Ratios between processors of one run are paired by repetition (they ran interleaved); levels
// use the t interval over repetitions (stats/). "No pauses" is a count claim, decided on the
// observations themselves (see noPauses below).
import { estimateRatio, sampleOf } from '../compare/estimate.ts';
import { METRICS } from '../compare/metrics.ts';
import { coverage, unitsOf } from '../compare/units.ts';
import type { RunRecord } from '../results/schema.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import { evaluateLoadClaim } from './load-claims.ts';
import type { Estimate } from '../stats/interval.ts';
import { levelInterval } from '../stats/level-interval.ts';
import { tQuantile } from '../stats/student-t.ts';
import type { Claim, ClaimsFile } from './schema.ts';

export type ClaimVerdictKind = 'supported' | 'refuted' | 'inconclusive';

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
}

interface Settings {
  confidence: number;
  min_n: number;
}

const fmt = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

export function decide(claim: Claim & { op: '<=' | '>='; value: number }, e: Estimate, scenario: string | null, unit: string): ClaimVerdict {
  const base = { claim_id: claim.id, description: claim.description, scenario, unit };
  if (e.kind === 'insufficient') {
    return { ...base, measured: null, ci_low: null, ci_high: null, verdict: 'inconclusive', reasons: e.reasons, n: Math.max(e.n_a, e.n_b) };
  }
  const n = e.n_b === 0 ? e.n_a : Math.min(e.n_a, e.n_b);
  const ci = `${Math.round(e.confidence * 100)}% interval [${fmt(e.ci_low)}, ${fmt(e.ci_high)}]`;
  const claimSide = claim.op === '<=' ? e.ci_high <= claim.value : e.ci_low >= claim.value;
  const otherSide = claim.op === '<=' ? e.ci_low > claim.value : e.ci_high < claim.value;
  const verdict: ClaimVerdictKind = claimSide ? 'supported' : otherSide ? 'refuted' : 'inconclusive';
  const [ours, theirs] = claim.op === '<=' ? ['at or below', 'above'] : ['at or above', 'below'];
  const where = claimSide ? `lies entirely ${ours} ${fmt(claim.value)}` : otherSide ? `lies entirely ${theirs} ${fmt(claim.value)}` : `straddles ${fmt(claim.value)}`;
  return { ...base, measured: e.estimate, ci_low: e.ci_low, ci_high: e.ci_high, verdict, reasons: [`the ${ci} ${where}`, `${n} repetition(s), ${e.method}`], n };
}

function scenariosFor(claim: Claim, runs: readonly RunRecord[]): string[] {
  return claim.scenarios === 'all' ? coverage(runs).scenarios : claim.scenarios;
}

function missing(claim: Claim, scenario: string, why: string): ClaimVerdict {
  return { claim_id: claim.id, description: claim.description, scenario, measured: null, ci_low: null, ci_high: null, unit: '', verdict: 'inconclusive', reasons: [why], n: 0 };
}

function ratioClaim(claim: Extract<Claim, { kind: 'ratio' }>, runs: readonly RunRecord[], s: Settings): ClaimVerdict[] {
  const def = METRICS[claim.metric];
  const have = coverage(runs).scenarios;
  return scenariosFor(claim, runs).flatMap((scenario) => {
    if (!have.includes(scenario)) return [missing(claim, scenario, `the run has no scenario "${scenario}"`)];
    const subj = sampleOf(def, unitsOf(runs, scenario, claim.subject));
    const ref = sampleOf(def, unitsOf(runs, scenario, claim.reference));
    // A metric that does not apply to this scenario (e.g. CPU per event on reads) is no evidence either way.
    if (claim.scenarios === 'all' && subj.values.length === 0 && ref.values.length === 0) return [];
    const e = estimateRatio(ref, subj, true, { method: 't', confidence: s.confidence, min_n: s.min_n, seed: 1 });
    return [decide(claim, e, scenario, `ratio ${claim.subject}/${claim.reference}`)];
  });
}

function pauseShareClaim(claim: Extract<Claim, { kind: 'pause_share' }>, runs: readonly RunRecord[], s: Settings): ClaimVerdict[] {
  const have = coverage(runs).scenarios;
  return scenariosFor(claim, runs).flatMap((scenario) => {
    if (!have.includes(scenario)) return [missing(claim, scenario, `the run has no scenario "${scenario}"`)];
    const ms = unitsOf(runs, scenario, claim.processor).measurements;
    const shares = ms.flatMap((m) => (m.pause_attribution ? [m.pause_attribution.slow_overlap_share] : []));
    const e = levelInterval(shares, { scale: 'linear', range: [0, 1], confidence: s.confidence, min_n: s.min_n });
    const v = decide(claim, e, scenario, 'share of slow requests in a pause');
    if (shares.length < ms.length) v.reasons.push(`${ms.length - shares.length} repetition(s) have no pause attribution`);
    return [v];
  });
}

function capacityClaim(claim: Extract<Claim, { kind: 'capacity_per_core' }>, runs: readonly RunRecord[], s: Settings): ClaimVerdict[] {
  const have = coverage(runs).scenarios;
  return scenariosFor(claim, runs).flatMap((scenario) => {
    if (!have.includes(scenario)) return [missing(claim, scenario, `the run has no scenario "${scenario}"`)];
    const perCore = runs.flatMap((run) => {
      const cores = Math.max(1, run.manifest.provenance.threads);
      return run.capacity.filter((c) => c.scenario === scenario && c.processor === claim.processor && c.status === 'ok' && c.events_per_s > 0).map((c) => c.events_per_s / cores);
    });
    if (claim.scenarios === 'all' && perCore.length === 0) return [];
    const e = levelInterval(perCore, { scale: 'log', confidence: s.confidence, min_n: s.min_n });
    const v = decide(claim, e, scenario, 'events/s per core');
    if (e.kind === 'insufficient') {
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
  const ms = scenariosFor(claim, runs).flatMap((sc) => unitsOf(runs, sc, claim.processor).measurements);
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

/** What the claims about load read: sweeps of `harness sweep` (none: those claims are not measured). */
export interface ClaimsContext {
  sweeps?: readonly SweepResult[];
}

/** Every claim's verdicts (one per scenario for per-scenario claims), in the file's order. */
export function evaluateClaims(run: RunRecord | readonly RunRecord[], claims: ClaimsFile, context: ClaimsContext = {}): ClaimVerdict[] {
  const runs: readonly RunRecord[] = Array.isArray(run) ? run : [run as RunRecord];
  const s: Settings = { confidence: claims.confidence, min_n: claims.min_repetitions };
  return claims.claims.flatMap((c) => {
    switch (c.kind) {
      case 'ratio':
        return ratioClaim(c, runs, s);
      case 'pause_share':
        return pauseShareClaim(c, runs, s);
      case 'capacity_per_core':
        return capacityClaim(c, runs, s);
      case 'no_pauses':
        return noPausesClaim(c, runs, s);
      case 'equal_load_ratio':
      case 'sustainable_per_core':
        return evaluateLoadClaim(c, context.sweeps ?? [], s);
    }
  });
}
