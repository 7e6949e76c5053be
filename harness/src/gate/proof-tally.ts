// Tallies of the proof benchmark: how often the gate said what, with a Wilson interval on each
// rate (10 pairs is few: 0/10 false alarms only bounds the rate below ~28%).
import { tQuantile } from '../stats/student-t.ts';
import type { GateError, GateResult } from './evaluate.ts';

export interface Rate {
  hits: number;
  trials: number;
  rate: number;
  ci_low: number;
  ci_high: number;
}

export function wilson(hits: number, trials: number, confidence = 0.95): Rate {
  if (trials === 0) return { hits, trials, rate: 0, ci_low: 0, ci_high: 1 };
  const z = tQuantile((1 + confidence) / 2, 1e9);
  const p = hits / trials;
  const denom = 1 + (z * z) / trials;
  const centre = (p + (z * z) / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denom;
  return { hits, trials, rate: p, ci_low: Math.max(0, centre - half), ci_high: Math.min(1, centre + half) };
}

export const formatRate = (r: Rate) => `${r.hits}/${r.trials} = ${(r.rate * 100).toFixed(1)}% (95% CI ${(r.ci_low * 100).toFixed(1)}–${(r.ci_high * 100).toFixed(1)}%)`;

/** Did the gate flag this metric of this scenario × processor as a regression? */
export function flagged(r: GateResult | GateError, scenario: string, processor: string, metric: string): boolean {
  return r.kind === 'result' && r.rows.some((x) => x.scenario === scenario && x.processor === processor && x.metric === metric && x.verdict.kind === 'regression');
}

export interface PairOutcomes {
  /** Exit 1 (any regression). */
  exit1: number;
  /** Exit 2 (error or insufficient data). */
  exit2: number;
  /** The watched metric flagged. */
  metric_flagged: number;
  pairs: number;
}

export function tally(results: readonly (GateResult | GateError)[], scenario: string, processor: string, metric: string): PairOutcomes {
  return {
    exit1: results.filter((r) => r.exit_code === 1).length,
    exit2: results.filter((r) => r.exit_code === 2).length,
    metric_flagged: results.filter((r) => flagged(r, scenario, processor, metric)).length,
    pairs: results.length,
  };
}

export interface PairedSigma {
  metric: string;
  /** sd of the per-round log-ratio, pooled over pairs (within-pair deviations from each pair's mean). */
  sigma: number;
  rounds: number;
  pairs: number;
}

/**
 * σ of the paired log-ratio for each metric the gate tested, from its A/A results: the figure a
 * reader needs to size a gate of their own (with σ ≤ 0.1, about 7 pairs detect +20%).
 */
export function pairedSigmas(results: readonly (GateResult | GateError)[], scenario: string, processor: string): PairedSigma[] {
  const acc = new Map<string, { ss: number; df: number; rounds: number; pairs: number }>();
  for (const r of results) {
    if (r.kind !== 'result') continue;
    for (const row of r.rows) {
      if (row.scenario !== scenario || row.processor !== processor || row.sample?.design !== 'paired' || row.sample.d.length < 2) continue;
      const d = row.sample.d;
      const m = d.reduce((s, x) => s + x, 0) / d.length;
      const a = acc.get(row.metric) ?? { ss: 0, df: 0, rounds: 0, pairs: 0 };
      a.ss += d.reduce((s, x) => s + (x - m) ** 2, 0);
      a.df += d.length - 1;
      a.rounds += d.length;
      a.pairs += 1;
      acc.set(row.metric, a);
    }
  }
  return [...acc].map(([metric, a]) => ({ metric, sigma: Math.sqrt(a.ss / a.df), rounds: a.rounds, pairs: a.pairs }));
}
