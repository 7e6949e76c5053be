// Verdicts on claims about in-process figures (what one call across a boundary costs, how much of
// the core's throughput a binding keeps), from a micro-benchmark result rather than a run.
// Each figure is a median with a distribution-free interval (stats/median-interval.ts). A claim
// that combines two medians needs both intervals to hold at once, so each is computed at
// 1 − α/2 (Bonferroni): the combined interval then covers at the claim's confidence at least.
import type { MicrobenchRecord, StoredMicrobench } from '../results/microbench-schema.ts';
import { medianInterval } from '../stats/median-interval.ts';
import type { Claim } from './schema.ts';
import type { ClaimVerdict } from './evaluate.ts';
import { fmtClaimValue as fmt, sideOf } from './interval-verdict.ts';

type MicrobenchClaim = Extract<Claim, { kind: 'microbench' }>;

interface Figure {
  measured: number;
  low: number;
  high: number;
  unit: string;
  what: string;
}

function recordOf(result: StoredMicrobench, fn: string, implementation: string, batch: number): MicrobenchRecord | undefined {
  return result.results.find((r) => r.name === fn && r.implementation === implementation && r.batch_size === batch);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function figureOf(claim: MicrobenchClaim, a: MicrobenchRecord, b: MicrobenchRecord | undefined, confidence: number): Figure | string {
  const level = b ? 1 - (1 - confidence) / 2 : confidence;
  const ia = medianInterval(a.samples_ns, level);
  if (!ia) return `${a.samples} sample(s) of ${claim.implementation} are too few for a ${Math.round(level * 1000) / 10}% interval of the median`;
  const ma = median(a.samples_ns);
  if (!b) return { measured: ma, low: ia.low, high: ia.high, unit: 'ns per call', what: `${claim.function}/${claim.implementation}/${claim.batch_size}` };
  const other = (claim.minus ?? claim.relative_to)!;
  const ib = medianInterval(b.samples_ns, level);
  if (!ib) return `${b.samples} sample(s) of ${other} are too few for a ${Math.round(level * 1000) / 10}% interval of the median`;
  const mb = median(b.samples_ns);
  if (claim.minus) {
    return { measured: ma - mb, low: ia.low - ib.high, high: ia.high - ib.low, unit: 'ns per call', what: `${claim.function}/${claim.implementation} − ${claim.function}/${other}, ${claim.batch_size} per call` };
  }
  // Throughput kept: the reference's time per call over this one's (same items per call).
  return { measured: mb / ma, low: ib.low / ia.high, high: ib.high / ia.low, unit: `throughput ratio ${claim.implementation}/${other}`, what: `${claim.function}, ${claim.batch_size} per call` };
}

/** The claim's verdict from one micro-benchmark result (or "inconclusive" with the reason when there is none). */
export function microbenchClaim(claim: MicrobenchClaim, result: StoredMicrobench | null, confidence: number): ClaimVerdict {
  const base = { claim_id: claim.id, description: claim.description, scenario: null, n: 0 };
  const none = (why: string): ClaimVerdict => ({ ...base, measured: null, ci_low: null, ci_high: null, unit: '', verdict: 'inconclusive', reasons: [why] });
  if (!result) return none('no micro-benchmark result: run `npm run microbench` (or name one with --microbench <id>)');
  if (result.smoke) return none(`micro-benchmark result ${result.id} is a smoke run: its figures mean nothing`);
  const a = recordOf(result, claim.function, claim.implementation, claim.batch_size);
  const otherName = claim.minus ?? claim.relative_to;
  const b = otherName ? recordOf(result, claim.function, otherName, claim.batch_size) : undefined;
  const absent = [a ? null : claim.implementation, otherName && !b ? otherName : null].filter(Boolean);
  if (absent.length) return none(`micro-benchmark result ${result.id} has no ${claim.function} × ${absent.join(' or ')} at batch size ${claim.batch_size}`);
  const f = figureOf(claim, a!, b, confidence);
  const n = Math.min(a!.samples, b?.samples ?? Infinity);
  if (typeof f === 'string') return { ...none(f), n };
  const { verdict, where } = sideOf(claim.op, claim.value, f.low, f.high);
  const method = b ? `two medians, each interval at ${Math.round((1 - (1 - confidence) / 2) * 1000) / 10}% (Bonferroni)` : 'median, order-statistic interval';
  return {
    ...base,
    measured: f.measured,
    ci_low: f.low,
    ci_high: f.high,
    unit: f.unit,
    verdict,
    reasons: [`${f.what}: the ${Math.round(confidence * 100)}% interval [${fmt(f.low)}, ${fmt(f.high)}] ${where}`, `${n} samples a side, ${method}, micro-benchmark ${result.id}`],
    n,
  };
}
