// A cumulative table over one HDR histogram's non-empty buckets, so the bootstrap can look up
// thousands of quantiles in O(log buckets) each instead of walking the counts array every time.
import hdr from 'hdr-histogram-js';

export interface QuantileTable {
  /** Highest equivalent value of each non-empty bucket, ascending (what getValueAtPercentile reports). */
  values: Float64Array;
  /** Cumulative counts up to and including each bucket. */
  cumulative: Float64Array;
  total: number;
}

/** Builds the table from a V2 compressed base64 histogram (integer µs). */
export function quantileTable(encoded: string): QuantileTable {
  const h = hdr.decodeFromCompressedBase64(encoded, 32, false) as unknown as hdr.JsHistogram;
  const values: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < h.countsArrayLength; i++) {
    const c = h.getCountAtIndex(i);
    if (c > 0) {
      total += c;
      values.push(h.highestEquivalentValue(h.valueFromIndex(i)));
      cumulative.push(total);
    }
  }
  return { values: Float64Array.from(values), cumulative: Float64Array.from(cumulative), total };
}

/** The value at rank ⌈q·total⌉ (nearest rank, at least 1), as HdrHistogram defines percentiles. */
export function valueAtQuantile(t: QuantileTable, q: number): number {
  const rank = Math.max(1, Math.ceil(q * t.total));
  let lo = 0;
  let hi = t.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.cumulative[mid]! >= rank) hi = mid;
    else lo = mid + 1;
  }
  return t.values[lo] ?? 0;
}
