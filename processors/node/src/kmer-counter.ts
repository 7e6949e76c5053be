// Canonical 11-mer counting for one request at a time.
//
// A k-mer is held as a 22-bit integer, 2 bits a base (A=0 C=1 G=2 T=3) with the first base most
// significant, so numeric order is the letters' lexicographic order and the canonical k-mer is
// simply min(forward, reverse complement). Both codes roll one base at a time; no string is built
// per k-mer. Counts live in a flat table indexed by the code (4^11 = 4 Mi slots, 16 MiB of
// Uint32, allocated once). The slots a request touched are listed as they go from 0 to 1, so
// distinct = list length, the top 5 come from scanning the list, and clearing costs only the
// touched slots, not 16 MiB. Zeroed pages are only backed by memory once written, so the RSS cost
// grows with the variety of k-mers actually seen. The event loop runs one request at a time, so
// one counter per process is enough.

export const K = 11;
const KMER_SPACE = 1 << (2 * K);
const KMER_MASK = KMER_SPACE - 1;
const RC_SHIFT = 2 * (K - 1);
/** k is odd, so no k-mer is its own reverse complement: exactly half the codes are canonical. */
const MAX_DISTINCT = KMER_SPACE / 2;
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
  private readonly counts = new Uint32Array(KMER_SPACE);
  private readonly touched = new Uint32Array(MAX_DISTINCT);
  private distinctCount = 0;
  private windows = 0;

  /** Counts every N-free window of `seq[start, end)`, which holds only A, C, G, T and N. */
  addSequence(seq: Uint8Array, start: number, end: number): void {
    const counts = this.counts;
    let forward = 0;
    let reverse = 0;
    let run = 0; // bases since the last N, capped only by the comparison below
    for (let i = start; i < end; i++) {
      const base = BASE_CODE[seq[i]!]!;
      if (base === 4) {
        run = 0;
        continue;
      }
      forward = ((forward << 2) | base) & KMER_MASK;
      reverse = (reverse >>> 2) | ((3 - base) << RC_SHIFT);
      if (++run < K) continue;
      const canonical = forward < reverse ? forward : reverse;
      const seen = counts[canonical]!;
      counts[canonical] = seen + 1;
      if (seen === 0) this.touched[this.distinctCount++] = canonical;
      this.windows += 1;
    }
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
    // Parallel arrays sorted best first; n is tiny, so insertion into them beats sorting all.
    const codes: number[] = [];
    const tops: number[] = [];
    const counts = this.counts;
    for (let i = 0; i < this.distinctCount; i++) {
      const code = this.touched[i]!;
      const count = counts[code]!;
      let at = tops.length;
      while (at > 0 && ranksBefore(count, code, tops[at - 1]!, codes[at - 1]!)) at--;
      if (at >= n) continue;
      codes.splice(at, 0, code);
      tops.splice(at, 0, count);
      if (codes.length > n) {
        codes.pop();
        tops.pop();
      }
    }
    return codes.map((code, i) => ({ kmer: decodeKmer(code), count: tops[i]! }));
  }

  /** Zeroes the touched slots only, ready for the next request. */
  clear(): void {
    const counts = this.counts;
    const touched = this.touched;
    for (let i = 0; i < this.distinctCount; i++) counts[touched[i]!] = 0;
    this.distinctCount = 0;
    this.windows = 0;
  }
}

function ranksBefore(count: number, code: number, otherCount: number, otherCode: number): boolean {
  return count > otherCount || (count === otherCount && code < otherCode);
}

export function decodeKmer(code: number): string {
  let kmer = '';
  for (let shift = RC_SHIFT; shift >= 0; shift -= 2) kmer += LETTERS[(code >>> shift) & 3];
  return kmer;
}
