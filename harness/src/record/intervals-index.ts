// "Does [a, b] intersect any of these intervals?" in O(log n): intervals sorted by start, with the
// running maximum of their ends, so the last interval starting before b tells at once whether
// any interval starting before b also ends after a.

export interface TimeInterval {
  start_ns: number;
  end_ns: number;
}

export class IntervalIndex {
  private readonly starts: Float64Array;
  private readonly maxEnd: Float64Array;

  constructor(intervals: readonly TimeInterval[]) {
    const sorted = [...intervals].sort((x, y) => x.start_ns - y.start_ns);
    this.starts = Float64Array.from(sorted, (i) => i.start_ns);
    this.maxEnd = new Float64Array(sorted.length);
    let m = -Infinity;
    sorted.forEach((i, k) => {
      m = Math.max(m, i.end_ns);
      this.maxEnd[k] = m;
    });
  }

  get size(): number {
    return this.starts.length;
  }

  /** True when some interval intersects [a, b] (touching counts). */
  overlaps(a: number, b: number): boolean {
    // Last index with start <= b.
    let lo = 0;
    let hi = this.starts.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= b) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && this.maxEnd[last]! >= a;
  }
}
