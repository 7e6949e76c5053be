// The proof benchmark's injected arms, sized from this machine's own runs rather than typed in:
//   cpu arm  INJECT_DELAY_US = 10% of the processor's CPU time per request (CPU s per million
//            events × events per request), so the CPU metric should move by about +10%;
//   p99 arm  the smallest delay, among doublings of the cpu arm's, whose runs moved the clean p99
//            by at least +20% against the calibration runs (queueing makes the p99 move far more
//            than the CPU does, so it is found by trying, not computed).
import { figureOfValues } from '../compare/figure.ts';
import { METRICS, type MetricDef } from '../compare/metrics.ts';
import { unitsOf } from '../compare/units.ts';
import type { RunRecord } from '../results/schema.ts';

function values(runs: readonly RunRecord[], scenario: string, processor: string, metric: MetricDef, pick: (m: RunRecord['measurements'][number]) => number | null): number[] {
  return runs.flatMap((r) => unitsOf([r], scenario, processor, { metric }).measurements.flatMap((m) => {
    const v = pick(m);
    return v === null ? [] : [v];
  }));
}

/** 10% of the processor's CPU microseconds per request, from its runs (null without CPU figures). */
export function cpuArmDelayUs(runs: readonly RunRecord[], scenario: string, processor: string, share = 0.1): number | null {
  const perRequestUs = values(runs, scenario, processor, METRICS.cpu_per_million_events, (m) => {
    const cpu = m.resources?.cpu_s_per_million_events;
    return cpu !== null && cpu !== undefined && m.events_per_request > 0 ? cpu * m.events_per_request : null;
  });
  const f = figureOfValues(perRequestUs);
  return f.value === null ? null : Math.max(1, Math.round(share * f.value));
}

/** Clean p99 of `runs` over that of `reference` (geometric means over usable repetitions). */
export function cleanP99Ratio(runs: readonly RunRecord[], reference: readonly RunRecord[], scenario: string, processor: string): number | null {
  const pick = (m: RunRecord['measurements'][number]) => METRICS.p99_clean.source === 'measurement' ? METRICS.p99_clean.value(m) : null;
  const a = figureOfValues(values(reference, scenario, processor, METRICS.p99_clean, pick)).value;
  const b = figureOfValues(values(runs, scenario, processor, METRICS.p99_clean, pick)).value;
  return a !== null && b !== null ? b / a : null;
}

/** The delays the p99 arm's calibration tries, in order: doublings of the cpu arm's delay. */
export function p99ArmCandidates(cpuDelayUs: number, tries = 6): number[] {
  return Array.from({ length: tries }, (_, i) => cpuDelayUs * 2 ** (i + 1));
}
