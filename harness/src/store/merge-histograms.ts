// Merging encoded HDR histograms: percentiles across repetitions (or agents) come from the merged
// histogram, never from averaging each repetition's percentiles.
import hdr from 'hdr-histogram-js';

/** Decodes each V2 compressed base64 histogram, adds them up, encodes the sum. */
export function mergeEncodedHistograms(encoded: readonly string[]): string | undefined {
  if (encoded.length === 0) return undefined;
  const sum = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 2, numberOfSignificantValueDigits: 3, autoResize: true });
  for (const e of encoded) sum.add(hdr.decodeFromCompressedBase64(e));
  return hdr.encodeIntoCompressedBase64(sum);
}
