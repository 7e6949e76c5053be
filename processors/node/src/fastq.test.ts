import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFastq, type FastqStats } from './fastq.ts';
import { KmerCounter } from './kmer-counter.ts';
import { naiveStats, type NaiveRecord } from './testing/naive-fastq.ts';

const counter = new KmerCounter();
const analyze = (text: string) => analyzeFastq(Buffer.from(text, 'utf8'), counter);

const record = (n: number, seq = 'ACGTACGTACGTA', qual = 'I'.repeat(seq.length)) => `@r${n}\n${seq}\n+\n${qual}\n`;

describe('analyzeFastq on well-formed input', () => {
  it('reports zero records for an empty body or a lone newline', () => {
    const empty = { reads: 0, bases: 0, gc_bases: 0, n_bases: 0, quality_sum: 0, q20_reads: 0, kmers: 0, distinct_kmers: 0, top_kmers: [] };
    expect(analyze('')).toEqual(empty);
    expect(analyze('\n')).toEqual(empty);
  });

  it('matches a naive reference on random records, with LF or CRLF line ends', () => {
    const rec = fc.record({
      header: fc.stringMatching(/^@[ -~]{1,12}$/),
      sequence: fc.stringMatching(/^[ACGTN]{1,40}$/),
      qualityCodes: fc.array(fc.integer({ min: 33, max: 126 }), { minLength: 40, maxLength: 40 }),
    });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 8 }), fc.boolean(), fc.boolean(), (raw, crlf, finalNewline) => {
        const records: NaiveRecord[] = raw.map((r) => ({
          header: r.header,
          sequence: r.sequence,
          quality: String.fromCharCode(...r.qualityCodes.slice(0, r.sequence.length)),
        }));
        const eol = crlf ? '\r\n' : '\n';
        const lines = records.flatMap((r) => [r.header, r.sequence, '+', r.quality]);
        const text = lines.join(eol) + (finalNewline && lines.length > 0 ? eol : '');
        expect(analyze(text)).toEqual(naiveStats(records));
      }),
      { numRuns: 300 },
    );
  });

  it('prints the response fields in the spec order', () => {
    const result = analyze(record(1, 'GGGGGGGGGGGG')) as FastqStats;
    expect(JSON.stringify(result)).toBe(
      '{"reads":1,"bases":12,"gc_bases":12,"n_bases":0,"quality_sum":480,"q20_reads":1,"kmers":2,"distinct_kmers":1,' +
        '"top_kmers":[{"kmer":"CCCCCCCCCCC","count":2}]}',
    );
  });

  it('decides q20 in integers: a mean of exactly 20 counts', () => {
    // '5' is Phred 20, '4' is 19 and '6' is 21: means 20, 20 and 19.5.
    const text = record(1, 'AC', '55') + record(2, 'AC', '46') + record(3, 'AC', '45');
    expect((analyze(text) as FastqStats).q20_reads).toBe(2);
  });

  it('accepts anything after + on the separator line', () => {
    expect(analyze('@r\nACGT\n+r again\nIIII\n')).toMatchObject({ reads: 1 });
  });

  it('removes only one trailing CR from a line', () => {
    expect(analyze('@r\r\nACGT\r\r\n+\nIIII\n')).toMatchObject({ record: 1, reason: 'sequence' });
  });

  it('keeps nothing from one request in the next', () => {
    analyze(record(1, 'AAAAAAAAAAAAAAAA'));
    expect((analyze(record(1, 'CCCCCCCCCCC')) as FastqStats).top_kmers).toEqual([{ kmer: 'CCCCCCCCCCC', count: 1 }]);
  });
});

describe('analyzeFastq on malformed input', () => {
  it.each([
    ['a header without @', 'r1\nACGT\n+\nIIII\n', 1, 'header'],
    ['a lone @ as header', '@\nACGT\n+\nIIII\n', 1, 'header'],
    ['a blank line where a header belongs', '\n\nACGT\n+\nIIII\n', 1, 'header'],
    ['two newlines at the end', record(1) + '\n', 2, 'header'],
    ['an empty sequence', '@r\n\n+\n\n', 1, 'sequence'],
    ['a lowercase base', '@r\nACgT\n+\nIIII\n', 1, 'sequence'],
    ['a U in the sequence', '@r\nACUT\n+\nIIII\n', 1, 'sequence'],
    ['a separator without +', '@r\nACGT\n-\nIIII\n', 1, 'separator'],
    ['a blank separator', '@r\nACGT\n\nIIII\n', 1, 'separator'],
    ['a quality shorter than the sequence', '@r\nACGT\n+\nIII\n', 1, 'quality'],
    ['a quality longer than the sequence', '@r\nACGT\n+\nIIIII\n', 1, 'quality'],
    ['a space in the quality', '@r\nACGT\n+\nII I\n', 1, 'quality'],
    ['a non-ASCII quality character', '@r\nACGT\n+\nIIé\n', 1, 'quality'],
    ['a body ending after the header', '@r\n', 1, 'truncated'],
    ['a body ending after the sequence', '@r\nACGT', 1, 'truncated'],
    ['a body ending before the quality', record(1) + '@r2\nACGT\n+\n', 2, 'truncated'],
  ])('reports %s as record %i, reason %s', (_what, text, recordNo, reason) => {
    expect(analyze(text)).toMatchObject({ record: recordNo, reason });
  });

  it('checks a truncated record line by line before calling it truncated', () => {
    expect(analyze(record(1) + 'bad\nACGT')).toMatchObject({ record: 2, reason: 'header' });
  });

  it('names the record and its first line in a one-line error message', () => {
    const result = analyze(record(1) + record(2) + 'x\n');
    expect(result).toMatchObject({ record: 3, reason: 'header' });
    expect('error' in result && result.error).toMatch(/^FASTQ record 3 \(line 9\): [^\n]+$/);
  });

  it('names the missing line in a truncated record', () => {
    const result = analyze(record(1) + '@r2\nAC');
    expect('error' in result && result.error).toMatch(/^FASTQ record 2 \(line 7\)/);
  });

  it('counts nothing from a body that fails late', () => {
    analyze(record(1, 'TTTTTTTTTTTTTTTTTTTT') + '@r2\nAC\n+\nI\n');
    expect((analyze(record(1, 'CCCCCCCCCCC')) as FastqStats).distinct_kmers).toBe(1);
  });
});
