// Canonical 11-mer counting for one request at a time.
//
// A k-mer is held as a 22-bit integer, 2 bits a base (A=0 C=1 G=2 T=3) with the first base most
// significant, so numeric order is the letters' lexicographic order and the canonical k-mer is
// simply min(forward, reverse complement). Both codes roll one base at a time; no string is built
// per k-mer.
//
// Counts live in an open-addressing hash table keyed by that integer (Fibonacci hashing, linear
// probing, load ≤ 1/2), sized per request from an upper bound on its k-mers, so a typical request
// (thousands of k-mers) works in a table of some 100 KiB that stays in L2. A flat table indexed by
// the code (4 Mi slots, 16 MiB) was measured first: every k-mer then costs a cache and TLB miss,
// and it was 3.7-6.6x slower on 50 x 150 bp requests (README, "The k-mer table"). The slots a request
// used are listed as they fill, so distinct = list length, the top 5 come from that list, and
// clearing costs only those slots. The event loop runs one request at a time, so one counter per
// process is enough; its arrays are kept (at the largest size needed so far) between requests.

export const K = 11;
const KMER_MASK = (1 << (2 * K)) - 1;
const RC_SHIFT = 2 * (K - 1);
/** k is odd, so no k-mer is its own reverse complement: at most 2^21 distinct canonical k-mers. */
const MAX_DISTINCT = 1 << (2 * K - 1);
const MIN_BITS = 10;
/** 2^22 slots hold every canonical k-mer at load 1/2. */
const MAX_BITS = 2 * K;
/** 2^32 / φ (0x9e3779b1) as an int32, so Math.imul gets a small integer, not a double constant. */
const GOLDEN = -0x61c8864f;
export const TOP_KMERS = 5;

/** Base → 2-bit code; N and anything else → 4 (breaks the window). */
const BASE_CODE = new Uint8Array(256).fill(4);
BASE_CODE[0x41] = 0; // A
BASE_CODE[0x43] = 1; // C
BASE_CODE[0x47] = 2; // G
BASE_CODE[0x54] = 3; // T

const LETTERS = 'ACGT';

export interface KmerCount {
  readonly kmer: string;
  readonly count: number;
}

export class KmerCounter {
  /** Per slot, interleaved so one cache line serves both: [2s] = code + 1 (0: empty), [2s+1] = count. */
  private table = new Uint32Array(2 << MIN_BITS);
  /** Slots in use, in the order they were filled. */
  private used = new Uint32Array(1 << (MIN_BITS - 1));
  private bits = MIN_BITS;
  private distinctCount = 0;
  private windows = 0;

  /** Sizes the table for at most `maxKmers` windows (an overestimate is fine; so is none). */
  begin(maxKmers: number): void {
    const bits = bitsFor(Math.min(maxKmers, MAX_DISTINCT));
    if (this.distinctCount !== 0) throw new Error('KmerCounter.begin before clear');
    if (bits > 30 - Math.clz32(this.table.length)) this.allocate(bits);
    this.bits = bits;
  }

  /** Counts every N-free window of `seq[start, end)`, which holds only A, C, G, T and N. */
  addSequence(seq: Uint8Array, start: number, end: number): void {
    let forward = 0;
    let reverse = 0;
    let run = 0; // bases since the last N
    for (let i = start; i < end; i++) {
      const base = BASE_CODE[seq[i]!]!;
      if (base === 4) {
        run = 0;
        continue;
      }
      forward = ((forward << 2) | base) & KMER_MASK;
      reverse = (reverse >>> 2) | ((3 - base) << RC_SHIFT);
      if (++run < K) continue;
      this.increment(forward < reverse ? forward : reverse);
    }
  }

  private increment(code: number): void {
    this.windows += 1;
    this.place(code);
  }

  private place(code: number): void {
    const table = this.table;
    const mask = (1 << this.bits) - 1;
    const key = code + 1;
    let slot = Math.imul(code, GOLDEN) >>> (32 - this.bits);
    for (;;) {
      const held = table[slot << 1]!;
      if (held === key) {
        table[(slot << 1) + 1]! += 1;
        return;
      }
      if (held === 0) break;
      slot = (slot + 1) & mask;
    }
    // A new k-mer. Only a caller that skipped begin() (or undercounted) outgrows load 1/2.
    if ((this.distinctCount + 1) << 1 > mask + 1) {
      this.grow();
      this.place(code);
      return;
    }
    table[slot << 1] = key;
    table[(slot << 1) + 1] = 1;
    this.used[this.distinctCount++] = slot;
  }

  /** Number of windows counted since the last clear. */
  get kmers(): number {
    return this.windows;
  }

  /** Number of distinct canonical k-mers since the last clear. */
  get distinct(): number {
    return this.distinctCount;
  }

  /** Up to `n` k-mers by count descending, ties by letters ascending. */
  top(n: number = TOP_KMERS): KmerCount[] {
    // A best-first list of at most n, filled by insertion: n is tiny, so this beats sorting all.
    const codes = new Int32Array(n);
    const tops = new Uint32Array(n);
    const { table, used } = this;
    let size = 0;
    for (let i = 0; i < this.distinctCount; i++) {
      const at2 = used[i]! << 1;
      const code = table[at2]! - 1;
      const count = table[at2 + 1]!;
      // Most k-mers do not make the list: one comparison with its last entry rejects them.
      if (size === n && !ranksBefore(count, code, tops[n - 1]!, codes[n - 1]!)) continue;
      let at = size < n ? size++ : n - 1;
      for (; at > 0 && ranksBefore(count, code, tops[at - 1]!, codes[at - 1]!); at--) {
        codes[at] = codes[at - 1]!;
        tops[at] = tops[at - 1]!;
      }
      codes[at] = code;
      tops[at] = count;
    }
    const out: KmerCount[] = [];
    for (let i = 0; i < size; i++) out.push({ kmer: decodeKmer(codes[i]!), count: tops[i]! });
    return out;
  }

  /** Empties the used slots only, ready for the next request. */
  clear(): void {
    const { table, used } = this;
    for (let i = 0; i < this.distinctCount; i++) {
      const at2 = used[i]! << 1;
      table[at2] = 0;
      table[at2 + 1] = 0;
    }
    this.distinctCount = 0;
    this.windows = 0;
  }

  private allocate(bits: number): void {
    this.table = new Uint32Array(2 << bits);
    this.used = new Uint32Array(1 << (bits - 1));
  }

  private grow(): void {
    const { table: old, used, distinctCount } = this;
    const bits = this.bits + 1; // never past MAX_BITS: 2^21 distinct fit 2^22 slots at load 1/2
    this.allocate(bits);
    this.bits = bits;
    const mask = (1 << bits) - 1;
    for (let i = 0; i < distinctCount; i++) {
      const from2 = used[i]! << 1;
      const key = old[from2]!;
      let slot = Math.imul(key - 1, GOLDEN) >>> (32 - bits);
      while (this.table[slot << 1] !== 0) slot = (slot + 1) & mask;
      this.table[slot << 1] = key;
      this.table[(slot << 1) + 1] = old[from2 + 1]!;
      this.used[i] = slot;
    }
  }
}

/** log2 of the table size for `distinct` entries at load ≤ 1/2, within [MIN_BITS, MAX_BITS]. */
function bitsFor(distinct: number): number {
  const needed = 32 - Math.clz32(Math.max(1, distinct * 2 - 1));
  return Math.min(MAX_BITS, Math.max(MIN_BITS, needed));
}

function ranksBefore(count: number, code: number, otherCount: number, otherCode: number): boolean {
  return count > otherCount || (count === otherCount && code < otherCode);
}

export function decodeKmer(code: number): string {
  let kmer = '';
  for (let shift = RC_SHIFT; shift >= 0; shift -= 2) kmer += LETTERS[(code >>> shift) & 3];
  return kmer;
}
