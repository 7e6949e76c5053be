// The verdict of a claim decided on one interval of its own, outside the claims file's Holm family:
// claims whose evidence is not the run's repetitions (a sweep's steps, a micro-benchmark's samples).
import type { Estimate } from '../stats/interval.ts';
import type { ClaimVerdict, ClaimVerdictKind } from './evaluate.ts';
import type { Claim } from './schema.ts';

export const fmtClaimValue = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

/** Which side of the claim's threshold [lo, hi] lies on, and the words for it. */
export function sideOf(op: '<=' | '>=', value: number, lo: number, hi: number): { verdict: ClaimVerdictKind; where: string } {
  const claimSide = op === '<=' ? hi <= value : lo >= value;
  const otherSide = op === '<=' ? lo > value : hi < value;
  const [ours, theirs] = op === '<=' ? ['at or below', 'above'] : ['at or above', 'below'];
  const v = fmtClaimValue(value);
  if (claimSide) return { verdict: 'supported', where: `lies entirely ${ours} ${v}` };
  if (otherSide) return { verdict: 'refuted', where: `lies entirely ${theirs} ${v}` };
  return { verdict: 'inconclusive', where: `straddles ${v}` };
}

export function decideOnInterval(claim: Claim & { op: '<=' | '>='; value: number }, e: Estimate, scenario: string | null, unit: string): ClaimVerdict {
  const base = { claim_id: claim.id, description: claim.description, scenario, unit };
  if (e.kind === 'insufficient') {
    return { ...base, measured: null, ci_low: null, ci_high: null, verdict: 'inconclusive', reasons: e.reasons, n: Math.max(e.n_a, e.n_b) };
  }
  const n = e.n_b === 0 ? e.n_a : Math.min(e.n_a, e.n_b);
  const ci = `${Math.round(e.confidence * 100)}% interval [${fmtClaimValue(e.ci_low)}, ${fmtClaimValue(e.ci_high)}]`;
  const { verdict, where } = sideOf(claim.op, claim.value, e.ci_low, e.ci_high);
  return { ...base, measured: e.estimate, ci_low: e.ci_low, ci_high: e.ci_high, verdict, reasons: [`the ${ci} ${where}`, `${n} repetition(s), ${e.method}`], n };
}
