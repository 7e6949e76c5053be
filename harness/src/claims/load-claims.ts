// Verdicts on the claims about load, from sweeps (`harness sweep`). Equal-load ratios pair the two
// processors' repetitions at the same load (interleaved, like a run's), with the t interval on
// log differences the run claims use; sustainable throughput is decided on the search's bracket:
// the rate found sustainable (and confirmed) is a measured lower bound, the rate found
// unsustainable above it an upper one. Without a sweep, each claim is "not measured".
import { ratioInterval } from '../stats/ratio-interval.ts';
import type { LoadBasis, ProcessorSweep, ScenarioSweep, SweepResult, SweepStep } from '../results/sweep-schema.ts';
import { commonSustainedRates, stepsAtBasis } from '../sweep/equal-load.ts';
import { failedAtCpuShare, isUnloadedMiss } from '../sweep/unloaded-miss.ts';
import type { ClaimVerdict, ClaimVerdictKind } from './evaluate.ts';
import { decideOnInterval as decide } from './interval-verdict.ts';
import type { LoadMetric } from './load-claims-schema.ts';
import type { Claim } from './schema.ts';

type EqualLoadClaim = Extract<Claim, { kind: 'equal_load_ratio' }>;
type SustainableClaim = Extract<Claim, { kind: 'sustainable_per_core' }>;

interface Settings {
  confidence: number;
  min_n: number;
}

export function notMeasured(claim: Claim, scenario: string | null, why: string): ClaimVerdict {
  return { claim_id: claim.id, description: claim.description, scenario, measured: null, ci_low: null, ci_high: null, unit: '', verdict: 'inconclusive', reasons: [`not measured: ${why}`], n: 0 };
}

const NO_SWEEP = 'no sweep given (run `harness sweep`, then `harness claims --sweep latest`)';

function scenariosOf(claim: Claim, sweeps: readonly SweepResult[]): string[] {
  if (claim.scenarios !== 'all') return claim.scenarios;
  return [...new Set(sweeps.flatMap((s) => s.scenarios.map((sc) => sc.scenario)))];
}

/** Every sweep's entry for one scenario, with the sweep it came from. */
function scenarioSweeps(sweeps: readonly SweepResult[], scenario: string): Array<{ id: string; sc: ScenarioSweep }> {
  return sweeps.flatMap((r) => r.scenarios.filter((sc) => sc.scenario === scenario).map((sc) => ({ id: r.id, sc })));
}

export function metricOf(s: SweepStep, metric: LoadMetric): number | null {
  const clean = metric.endsWith('_clean');
  const p = metric.replace('_clean', '') as 'p50' | 'p99' | 'p999';
  const v = (clean ? s.clean?.[p] : s.raw[p])?.value_us;
  return v === undefined || !(v > 0) ? null : v;
}

function stepsAt(p: ProcessorSweep | undefined, at: EqualLoadClaim['at'], basisOf: (processor: string) => LoadBasis): SweepStep[] {
  if (!p) return [];
  if ('rate_per_s' in at) return p.steps.filter((s) => (s.stage === 'curve' || s.stage === 'equal-load') && s.offered_rate_per_s === at.rate_per_s && s.status === 'ok');
  return stepsAtBasis(p, basisOf(p.processor)).filter((s) => s.status === 'ok');
}

function describeLoad(at: EqualLoadClaim['at']): string {
  if ('rate_per_s' in at) return `at ${at.rate_per_s}/s`;
  return at.of === 'each' ? `at ${at.fraction * 100}% of each one's sustainable throughput` : `at ${at.fraction * 100}% of ${at.of}'s sustainable throughput`;
}

function equalLoadClaim(claim: EqualLoadClaim, sweeps: readonly SweepResult[], s: Settings): ClaimVerdict[] {
  if (sweeps.length === 0) return [notMeasured(claim, claim.scenarios === 'all' ? null : claim.scenarios.join(','), NO_SWEEP)];
  return scenariosOf(claim, sweeps).map((scenario) => {
    const found = scenarioSweeps(sweeps, scenario);
    if (found.length === 0) return notMeasured(claim, scenario, `no sweep of scenario "${scenario}"`);
    const subj: Array<{ key: string; v: number }> = [];
    const ref: Array<{ key: string; v: number }> = [];
    for (const { id, sc } of found) {
      const at = claim.at;
      const basisOf = (processor: string): LoadBasis => ('fraction' in at ? { fraction: at.fraction, of: at.of === 'each' ? processor : at.of } : { fraction: 1, of: processor });
      const pick = (name: string, into: typeof subj) => {
        for (const step of stepsAt(sc.processors.find((p) => p.processor === name), at, basisOf)) {
          const v = metricOf(step, claim.metric);
          if (v !== null) into.push({ key: `${id}#${step.stage}#${step.repetition}`, v });
        }
      };
      pick(claim.subject, subj);
      pick(claim.reference, ref);
    }
    const where = describeLoad(claim.at);
    if (subj.length === 0 || ref.length === 0) {
      const hint = 'rate_per_s' in claim.at ? ` (rates both sustained: ${found.flatMap(({ sc }) => commonSustainedRates(sc, [claim.subject, claim.reference])).join(', ') || 'none'})` : '';
      return notMeasured(claim, scenario, `no ${subj.length === 0 ? claim.subject : claim.reference} step ${where}${hint}`);
    }
    const keys = (xs: typeof subj) => xs.map((x) => x.key).join(',');
    const e = ratioInterval(ref.map((x) => x.v), subj.map((x) => x.v), { confidence: s.confidence, min_n: s.min_n, paired: keys(subj) === keys(ref) });
    const v = decide(claim, e, scenario, `ratio ${claim.subject}/${claim.reference} ${claim.metric} ${where}`);
    v.reasons.push(`measured ${where} in ${found.length} sweep(s)`);
    return v;
  });
}

/** One sweep's bracket in the claim's unit per core: [sustainable, first unsustainable). */
function bracketPerCore(claim: SustainableClaim, sc: ScenarioSweep, p: ProcessorSweep) {
  const s = p.sustainable!;
  const per = (rate: number) => (claim.unit === 'events' ? rate * sc.events_per_request : rate) / Math.max(1, s.threads);
  return { lo: per(s.rate_per_s), hi: s.first_unsustainable_rate_per_s === null ? null : per(s.first_unsustainable_rate_per_s), s };
}

/** Why the sweep's SLO does not back the claim's latency bound, or null when it does. */
function sloMismatch(claim: SustainableClaim, sc: ScenarioSweep): string | null {
  const b = claim.latency;
  const ok = sc.slo.latency.some((l) => l.percentile === b.percentile && (l.figure === b.figure || (l.figure === 'raw' && b.figure === 'clean')) && l.max_us <= b.max_us);
  return ok ? null : `the sweep's SLO (${sc.slo.latency.map((l) => `${l.figure} ${l.percentile} ≤ ${l.max_us} µs`).join(', ')}) does not imply the claim's ${b.figure} ${b.percentile} ≤ ${b.max_us} µs`;
}

function sustainableClaim(claim: SustainableClaim, sweeps: readonly SweepResult[]): ClaimVerdict[] {
  if (sweeps.length === 0) return [notMeasured(claim, claim.scenarios === 'all' ? null : claim.scenarios.join(','), NO_SWEEP)];
  const unit = `${claim.unit}/s per core, sustainable under ${claim.latency.figure} ${claim.latency.percentile} ≤ ${claim.latency.max_us} µs`;
  return scenariosOf(claim, sweeps).map((scenario) => {
    const found = scenarioSweeps(sweeps, scenario).flatMap(({ id, sc }) => {
      const p = sc.processors.find((x) => x.processor === claim.processor);
      return p?.sustainable ? [{ id, sc, p }] : [];
    });
    if (found.length === 0) return notMeasured(claim, scenario, `no sweep of ${claim.processor} on "${scenario}" with a sustainable figure`);
    const mismatch = found.map(({ sc }) => sloMismatch(claim, sc)).find((m) => m !== null);
    if (mismatch) return notMeasured(claim, scenario, mismatch);
    const reasons: string[] = [];
    const kinds: ClaimVerdictKind[] = found.map(({ id, sc, p }) => {
      const { lo, hi, s } = bracketPerCore(claim, sc, p);
      const bracket = `sweep ${id}: sustainable ${Math.round(lo).toLocaleString('en-US')}${s.lower_bound ? ' (at least)' : ''}, unsustainable ${hi === null ? '–' : Math.round(hi).toLocaleString('en-US')}`;
      // A lower bound is evidence only if confirmed; an upper one only if the processor (not the
      // driver, not the machine's latency floor at low load) failed it.
      const loHolds = s.confirmation.confirmed && lo > 0;
      const unloaded = isUnloadedMiss(p);
      const hiHolds = hi !== null && s.ended === 'bracketed' && !unloaded;
      let kind: ClaimVerdictKind = 'inconclusive';
      if (claim.op === '>=') kind = loHolds && lo >= claim.value ? 'supported' : hiHolds && hi! < claim.value ? 'refuted' : 'inconclusive';
      else kind = hiHolds && hi! <= claim.value ? 'supported' : loHolds && lo > claim.value ? 'refuted' : 'inconclusive';
      const why = [
        ...(s.confirmation.confirmed ? [] : [`not confirmed: ${s.confirmation.passed} of ${s.confirmation.repetitions}`]),
        ...(unloaded ? [`the rate above failed its latency bound at ${Math.round((failedAtCpuShare(p) ?? 0) * 100)}% of the processor's budget: the machine's latency floor, not a capacity`] : []),
      ];
      reasons.push(`${bracket}: ${kind}${why.length ? ` (${why.join('; ')})` : ''}`);
      return kind;
    });
    const verdict: ClaimVerdictKind = kinds.every((k) => k === 'supported') ? 'supported' : kinds.every((k) => k === 'refuted') ? 'refuted' : 'inconclusive';
    const los = found.map(({ sc, p }) => bracketPerCore(claim, sc, p).lo).sort((a, b) => a - b);
    const his = found.map(({ sc, p }) => bracketPerCore(claim, sc, p).hi);
    return {
      claim_id: claim.id,
      description: claim.description,
      scenario,
      measured: los[Math.floor(los.length / 2)]!,
      ci_low: los[0]!,
      ci_high: his.some((h) => h === null) ? null : Math.max(...(his as number[])),
      unit,
      verdict,
      reasons: [...reasons, 'the interval is the search bracket: [sustainable, first unsustainable) per core'],
      n: found.length,
    };
  });
}

export function evaluateLoadClaim(claim: Extract<Claim, { kind: 'equal_load_ratio' | 'sustainable_per_core' }>, sweeps: readonly SweepResult[], s: Settings): ClaimVerdict[] {
  return claim.kind === 'equal_load_ratio' ? equalLoadClaim(claim, sweeps, s) : sustainableClaim(claim, sweeps);
}
