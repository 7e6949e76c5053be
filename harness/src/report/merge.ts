// Percentiles of several repetitions together: decode each encoded histogram and add them, the
// only correct way to combine percentiles.
import { decodeHistogram, destroyHistograms, mergeHistograms } from '../record/histogram.ts';
import { toPercentiles } from '../record/percentiles.ts';
import type { Percentiles } from '../results/schema.ts';

export function mergedPercentiles(encoded: string[]): Percentiles {
  const parts = encoded.map(decodeHistogram);
  const total = mergeHistograms(parts);
  try {
    return toPercentiles(total);
  } finally {
    destroyHistograms(total, ...parts);
  }
}
