// Per-key aggregates. One KeyState per key lives for the life of the process (until a reset),
// so this object's size is what makes the heap grow with key cardinality: its fields are
// plain numbers (unboxed in the object, one hidden class for all keys) and the window is one
// number[] of at most 32 doubles (V8 stores it as PACKED_DOUBLE_ELEMENTS, unboxed).

export const WINDOW_SIZE = 32;

export class KeyState {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  last = 0;
  lastTs = -1;
  alerts = 0;
  /** Ring buffer: grows by push to WINDOW_SIZE, then `head` is the oldest slot, overwritten next. */
  private readonly ring: number[] = [];
  private head = 0;

  apply(ts: number, value: number, isAlert: boolean): void {
    this.count += 1;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.last = value;
    if (ts > this.lastTs) this.lastTs = ts;
    if (isAlert) this.alerts += 1;
    if (this.ring.length < WINDOW_SIZE) {
      this.ring.push(value);
    } else {
      this.ring[this.head] = value;
      this.head = (this.head + 1) % WINDOW_SIZE;
    }
  }

  /** The window's values, oldest first. */
  window(): number[] {
    const n = this.ring.length;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.ring[(this.head + i) % n]!;
    return out;
  }

  /** Middle value of the sorted window, or the mean of the two middle values for an even length. */
  median(): number {
    const sorted = Float64Array.from(this.ring).sort();
    const n = sorted.length;
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
