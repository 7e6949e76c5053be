// Per-key aggregates. One KeyState per key lives for the life of the process (until a reset),
// so its size is what makes the heap grow with key cardinality. All keys share one hidden class;
// small integers (count, alerts) sit in the object as Smis, the double fields in mutable
// HeapNumber boxes that V8 updates in place (no allocation per event), and the window is one
// array of exactly 32 doubles (a FixedDoubleArray, unboxed), allocated once per key.

export const WINDOW_SIZE = 32;

export class KeyState {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  last = 0;
  lastTs = -1;
  alerts = 0;
  /** Ring buffer of the window: `size` values, the oldest at `head` once it is full. */
  private readonly ring: number[] = new Array<number>(WINDOW_SIZE).fill(0);
  private size = 0;
  private head = 0;

  apply(ts: number, value: number, isAlert: boolean): void {
    this.count += 1;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.last = value;
    if (ts > this.lastTs) this.lastTs = ts;
    if (isAlert) this.alerts += 1;
    if (this.size < WINDOW_SIZE) {
      this.ring[this.size++] = value;
    } else {
      this.ring[this.head] = value;
      this.head = (this.head + 1) % WINDOW_SIZE;
    }
  }

  /** The window's values, oldest first. */
  window(): number[] {
    const n = this.size;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.ring[(this.head + i) % n]!;
    return out;
  }

  /** Middle value of the sorted window, or the mean of the two middle values for an even length. */
  median(): number {
    const n = this.size;
    const sorted = new Float64Array(this.ring).subarray(0, n).sort();
    if (n === 0) return NaN; // unreachable: a KeyState exists only once an event was applied
    const mid = n >> 1;
    return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
}

/** All per-key state plus the global counters that /v1/stats reports. */
export class ProcessorState {
  readonly keys = new Map<string, KeyState>();
  /** Accepted events since start or the last reset. */
  events = 0;
  /** FASTQ records in successful /v1/reads requests since start or the last reset. */
  reads = 0;

  apply(key: string, ts: number, value: number, isAlert: boolean): void {
    let state = this.keys.get(key);
    if (state === undefined) {
      state = new KeyState();
      this.keys.set(key, state);
    }
    state.apply(ts, value, isAlert);
    this.events += 1;
  }

  reset(): void {
    this.keys.clear();
    this.events = 0;
    this.reads = 0;
  }
}
