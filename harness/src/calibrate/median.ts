// Medians over repeated runs: the figure we report on a noisy machine (never one run, never a mean).
import { median as medianOrNaN } from '../stats/describe.ts';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  return medianOrNaN(values);
}

export function medians(runs: ReadonlyArray<{ p50_us: number; p99_us: number; max_us: number }>): { p50_us: number; p99_us: number; max_us: number } {
  return { p50_us: median(runs.map((r) => r.p50_us)), p99_us: median(runs.map((r) => r.p99_us)), max_us: median(runs.map((r) => r.max_us)) };
}
