// Tallies of the proof benchmark: how often the gate said what, with a Wilson interval on each
// rate (10 pairs is few: 0/10 false alarms only bounds the rate below ~28%).
import { sampleOf } from '../compare/estimate.ts';
import { METRICS, type MetricId } from '../compare/metrics.ts';
import { unitsOf } from '../compare/units.ts';
import type { RunRecord } from '../results/schema.ts';
import { matchRounds } from '../stats/pairing.ts';
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
 * σ of the paired log-ratio for each metric, from A/A pairs of runs: the figure a reader needs to
 * size a gate of their own (with σ ≤ 0.1, about 7 pairs detect +20%). Read from the runs, not the
 * gate's rows, so a pair with too few rounds for a verdict still contributes its two rounds.
 */
export function pairedSigmas(pairs: ReadonlyArray<readonly [RunRecord, RunRecord]>, scenario: string, processor: string, metrics: readonly MetricId[]): PairedSigma[] {
  return metrics.flatMap((metric) => {
    let ss = 0;
    let df = 0;
    let rounds = 0;
    let used = 0;
    for (const [a, b] of pairs) {
      const side = (r: RunRecord) => {
        const s = sampleOf(METRICS[metric], unitsOf([r], scenario, processor, { metric: METRICS[metric] }));
        return s.values.flatMap((value, i) => (value > 0 ? [{ key: s.keys[i]!, value }] : []));
      };
      const m = matchRounds(side(a), side(b), 2);
      if (m.kind !== 'paired') continue;
      const d = m.b.map((x, i) => Math.log(x) - Math.log(m.a[i]!));
      const mean = d.reduce((t, x) => t + x, 0) / d.length;
      ss += d.reduce((t, x) => t + (x - mean) ** 2, 0);
      df += d.length - 1;
      rounds += d.length;
      used++;
    }
    return df > 0 ? [{ metric, sigma: Math.sqrt(ss / df), rounds, pairs: used }] : [];
  });
}
