// Histogram → the schema's percentile record (integer µs).
import type { Percentiles } from '../results/schema.ts';
import { percentiles, type Histogram } from './histogram.ts';

export function toPercentiles(h: Histogram): Percentiles {
  const p = percentiles(h);
  return {
    count: p.count,
    min_us: p.count === 0 || h.minNonZeroValue === Number.MAX_SAFE_INTEGER ? 0 : h.minNonZeroValue,
    mean_us: p.mean_us,
    p50_us: p.p50_us,
    p90_us: p.p90_us,
    p99_us: p.p99_us,
    p999_us: p.p99_9_us,
    p9999_us: p.p99_99_us,
    max_us: p.max_us,
  };
}
