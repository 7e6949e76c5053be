import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKmer, KmerCounter } from './kmer-counter.ts';
import { naiveKmerCounts, naiveTop } from './testing/naive-fastq.ts';

// One counter for all tests (its tables are 24 MiB), cleared before each use as the server does.
const shared = new KmerCounter();

function count(reads: string[], counter = shared): KmerCounter {
  counter.clear();
  for (const read of reads) {
    const bytes = Buffer.from(read, 'latin1');
    counter.addSequence(bytes, 0, bytes.length);
  }
  return counter;
}

const read = fc.stringMatching(/^[ACGTN]{0,60}$/);
const lowEntropyRead = fc.stringMatching(/^[AC]{0,40}$/); // many repeats: exercises ties

describe('KmerCounter', () => {
  it('matches a naive string-based count on random reads (kmers, distinct, top 5)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(read, lowEntropyRead), { maxLength: 12 }), (reads) => {
        const counter = count(reads);
        const naive = naiveKmerCounts(reads);
        expect(counter.kmers).toBe([...naive.values()].reduce((a, b) => a + b, 0));
        expect(counter.distinct).toBe(naive.size);
        expect(counter.top()).toEqual(naiveTop(naive));
      }),
      { numRuns: 300 },
    );
  });

  it('grows its table past the initial size and still matches the naive count', () => {
    const random = fc.sample(fc.stringMatching(/^[ACGT]{5000}$/), { numRuns: 8, seed: 7 });
    const counter = count(random, new KmerCounter());
    const naive = naiveKmerCounts(random);
    expect([counter.distinct, counter.top()]).toEqual([naive.size, naiveTop(naive)]);
  });

  it('counts the same whether sized up front by begin() or grown', () => {
    const reads = fc.sample(fc.stringMatching(/^[ACGTN]{300}$/), { numRuns: 20, seed: 11 });
    const sized = new KmerCounter();
    sized.begin(reads.length * 300);
    for (const read of reads) sized.addSequence(Buffer.from(read), 0, read.length);
    const grown = count(reads, new KmerCounter());
    expect([sized.kmers, sized.distinct, sized.top()]).toEqual([grown.kmers, grown.distinct, grown.top()]);
  });

  it('counts a k-mer and its reverse complement as one canonical k-mer', () => {
    const counter = count(['AAAAAAAAAAA', 'TTTTTTTTTTT']);
    expect(counter.top()).toEqual([{ kmer: 'AAAAAAAAAAA', count: 2 }]);
  });

  it('skips every window that contains an N', () => {
    const counter = count(['AAAAAANAAAAAA', 'ACGTACGTACNACGTACGTAC']);
    expect([counter.kmers, counter.distinct]).toEqual([0, 0]);
  });

  it('counts no window across two reads', () => {
    expect(count(['AAAAAA', 'AAAAA']).kmers).toBe(0);
  });

  it('breaks count ties by the letters ascending', () => {
    const counter = count(['GGGGGGGGGGG', 'CAAAAAAAAAA', 'AAAAAAAAAAC', 'ACCCCCCCCCC']);
    // Canonical forms: CCCCCCCCCCC, CAAAAAAAAAA→ (rc TTTTTTTTTTG) CAAAAAAAAAA, AAAAAAAAAAC, ACCCCCCCCCC.
    expect(counter.top().map((k) => k.kmer)).toEqual(['AAAAAAAAAAC', 'ACCCCCCCCCC', 'CAAAAAAAAAA', 'CCCCCCCCCCC']);
  });

  it('lists at most 5 k-mers', () => {
    expect(count(['ACGTTGCAAGGCTTAACCGGT']).top()).toHaveLength(5);
  });

  it('starts from zero again after clear', () => {
    const counter = new KmerCounter();
    counter.addSequence(Buffer.from('ACGTACGTACGTACGT'), 0, 16);
    counter.clear();
    counter.addSequence(Buffer.from('AAAAAAAAAAA'), 0, 11);
    expect([counter.kmers, counter.distinct, counter.top()]).toEqual([1, 1, [{ kmer: 'AAAAAAAAAAA', count: 1 }]]);
  });

  it('decodes a 22-bit code to its letters, first base most significant', () => {
    expect([decodeKmer(0), decodeKmer((1 << 22) - 1), decodeKmer(0b01 << 20)]).toEqual(['AAAAAAAAAAA', 'TTTTTTTTTTT', 'CAAAAAAAAAA']);
  });
});
