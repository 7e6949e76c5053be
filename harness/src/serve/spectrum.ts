// The percentile spectrum of an encoded histogram: latencies at percentiles spaced evenly on the
// "nines" axis (log10 of 1 / (1 − p)), from p0 to the last percentile the sample count resolves,
// plus the named percentiles exactly and the maximum. Computed here so the browser never decodes
// histograms (and its bundle carries no HDR or zlib code).
import hdr from 'hdr-histogram-js';
import type { SpectrumPoint } from './api-types.ts';

const STEPS_PER_NINE = 20;
const NAMED = [50, 90, 99, 99.9, 99.99, 99.999];

export interface Spectrum {
  count: number;
  points: SpectrumPoint[];
}

export function percentileSpectrum(encoded: string): Spectrum {
  const h = hdr.decodeFromCompressedBase64(encoded);
  const count = h.totalCount;
  if (count === 0) return { count, points: [] };
  const maxNines = Math.log10(count);
  const percentiles = new Set<number>();
  for (let i = 0; i / STEPS_PER_NINE < maxNines; i++) percentiles.add(100 * (1 - 10 ** -(i / STEPS_PER_NINE)));
  for (const p of NAMED) if (p < 100 * (1 - 1 / count) || p <= 99) percentiles.add(p);
  const points = [...percentiles]
    .sort((a, b) => a - b)
    .map((percentile) => ({ percentile, value_us: h.getValueAtPercentile(percentile) }));
  points.push({ percentile: 100, value_us: h.maxValue });
  return { count, points };
}
