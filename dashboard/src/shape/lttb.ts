// Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the visual shape of a long series —
// spikes included, which is what a latency chart is for — with a fixed number of points, so
// the browser draws a few hundred SVG points instead of tens of thousands.

/** Downsamples `points` (sorted by x) to at most `threshold` points; first and last are kept. */
export function lttb<T>(points: readonly T[], threshold: number, x: (p: T) => number, y: (p: T) => number): T[] {
  const n = points.length;
  if (threshold >= n || threshold < 3) return points.slice();
  const out: T[] = [points[0] as T];
  const bucketSize = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // The next bucket's average is the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += x(points[j] as T);
      avgY += y(points[j] as T);
    }
    const len = Math.max(1, nextEnd - nextStart);
    avgX /= len;
    avgY /= len;

    const start = Math.floor(i * bucketSize) + 1;
    const end = Math.floor((i + 1) * bucketSize) + 1;
    const pa = points[a] as T;
    const ax = x(pa);
    const ay = y(pa);
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const p = points[j] as T;
      const area = Math.abs((ax - avgX) * (y(p) - ay) - (ax - x(p)) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best] as T);
    a = best;
  }
  out.push(points[n - 1] as T);
  return out;
}
