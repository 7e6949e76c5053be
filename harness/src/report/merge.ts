// Percentiles of several repetitions together: decode each encoded histogram and add them, the
// only correct way to combine percentiles.
import hdr from 'hdr-histogram-js';
import type { Percentiles } from '../results/schema.ts';
import { percentilesOf } from '../results/synthetic.ts';

export function mergedPercentiles(encoded: string[]): Percentiles {
  const total = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
  for (const e of encoded) total.add(hdr.decodeFromCompressedBase64(e));
  return percentilesOf(total);
}
