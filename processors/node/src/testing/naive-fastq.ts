// Deliberately slow, obviously-correct references for the tests: strings everywhere, the spec's
// wording turned into code line by line. Not part of the build.

const COMPLEMENT: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A' };

export function reverseComplement(kmer: string): string {
  let out = '';
  for (let i = kmer.length - 1; i >= 0; i--) out += COMPLEMENT[kmer[i]!];
  return out;
}

/** Canonical 11-mer counts over the reads, skipping windows that contain N. */
export function naiveKmerCounts(reads: string[], k = 11): Map<string, number> {
  const counts = new Map<string, number>();
  for (const read of reads) {
    for (let i = 0; i + k <= read.length; i++) {
      const window = read.slice(i, i + k);
      if (window.includes('N')) continue;
      const rc = reverseComplement(window);
      const canonical = window < rc ? window : rc;
      counts.set(canonical, (counts.get(canonical) ?? 0) + 1);
    }
  }
  return counts;
}

export function naiveTop(counts: Map<string, number>, n = 5): { kmer: string; count: number }[] {
  return [...counts]
    .sort(([ka, ca], [kb, cb]) => cb - ca || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, n)
    .map(([kmer, count]) => ({ kmer, count }));
}

export interface NaiveRecord {
  readonly header: string;
  readonly sequence: string;
  readonly quality: string;
}

/** Statistics of well-formed records, as the spec defines each figure. */
export function naiveStats(records: NaiveRecord[]) {
  const counts = naiveKmerCounts(records.map((r) => r.sequence));
  let kmers = 0;
  for (const c of counts.values()) kmers += c;
  const quals = records.map((r) => [...r.quality].reduce((s, ch) => s + ch.charCodeAt(0) - 33, 0));
  return {
    reads: records.length,
    bases: records.reduce((s, r) => s + r.sequence.length, 0),
    gc_bases: records.reduce((s, r) => s + [...r.sequence].filter((b) => b === 'G' || b === 'C').length, 0),
    n_bases: records.reduce((s, r) => s + [...r.sequence].filter((b) => b === 'N').length, 0),
    quality_sum: quals.reduce((a, b) => a + b, 0),
    q20_reads: records.filter((r, i) => quals[i]! >= 20 * r.sequence.length).length,
    kmers,
    distinct_kmers: counts.size,
    top_kmers: naiveTop(counts),
  };
}
