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

/** The union of some intervals as disjoint sorted spans, to measure how much of [a, b] they cover. */
export class IntervalUnion {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(intervals: readonly TimeInterval[]) {
    for (const i of [...intervals].sort((x, y) => x.start_ns - y.start_ns)) {
      const last = this.ends.length - 1;
      if (last >= 0 && i.start_ns <= this.ends[last]!) this.ends[last] = Math.max(this.ends[last]!, i.end_ns);
      else {
        this.starts.push(i.start_ns);
        this.ends.push(i.end_ns);
      }
    }
  }

  /** Nanoseconds of [a, b] covered. */
  coveredNs(a: number, b: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! > a) hi = mid;
      else lo = mid + 1;
    }
    let covered = 0;
    for (let k = lo; k < this.starts.length && this.starts[k]! < b; k++) covered += Math.min(b, this.ends[k]!) - Math.max(a, this.starts[k]!);
    return covered;
  }
}
