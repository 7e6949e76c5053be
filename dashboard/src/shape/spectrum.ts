// The HdrHistogram percentile plot: the x axis counts "nines", x = log10(1 / (1 − p)), so 90 %,
// 99 %, 99.9 % … are evenly spaced and the tail — where the processors differ — gets the width.
import type { SpectrumPoint } from '../../../harness/src/serve/api-types.ts';

export interface NinesPoint {
  /** Position on the nines axis: 0 for p0, 1 for p90, 2 for p99, 3 for p99.9. */
  x: number;
  percentile: number;
  value_us: number;
}

/** x for a percentile below 100 (p100 has no finite position; see `spectrumOnNines`). */
export function ninesX(percentile: number): number {
  return Math.log10(1 / (1 - percentile / 100));
}

/**
 * Places a spectrum on the nines axis. The maximum (p100) goes at the position of the last
 * percentile one request can resolve (1 − 1/count), so the line ends at the max, not at infinity.
 */
export function spectrumOnNines(points: readonly SpectrumPoint[], count: number): NinesPoint[] {
  const maxX = count > 1 ? Math.log10(count) : 0;
  const out: NinesPoint[] = [];
  for (const p of points) {
    const x = p.percentile >= 100 ? maxX : Math.min(ninesX(p.percentile), maxX);
    out.push({ x, percentile: p.percentile, value_us: p.value_us });
  }
  out.sort((a, b) => a.x - b.x || a.value_us - b.value_us);
  return out;
}

/** Whole-nines ticks up to `maxX`: 0, 1, 2, … */
export function ninesTicks(maxX: number): number[] {
  return Array.from({ length: Math.floor(maxX + 1e-9) + 1 }, (_, i) => i);
}

/** Tick label for x nines: 0 → "0%", 1 → "90%", 3 → "99.9%". */
export function ninesLabel(x: number): string {
  const n = Math.round(x);
  if (n <= 0) return '0%';
  if (n === 1) return '90%';
  return `99${n > 2 ? `.${'9'.repeat(n - 2)}` : ''}%`;
}

/** Latency at a percentile read off a spectrum (the first point at or above it). */
export function valueAt(points: readonly NinesPoint[], percentile: number): number | undefined {
  return points.find((p) => p.percentile >= percentile)?.value_us;
}
