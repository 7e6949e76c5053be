import { describe, it, expect } from 'vitest';
import { Prng, generateFastq, FASTQ_REJECT_REASONS, type FastqRejectReason } from './index.ts';

// An independent reading of the spec's FASTQ rules: the first failure as {record, reason}.
function firstFailure(body: Buffer): { record: number; reason: FastqRejectReason } | null {
  let text = body.toString('latin1');
  if (text.endsWith('\n')) text = text.slice(0, -1);
  if (text === '') return null;
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  for (let r = 1; 4 * (r - 1) < lines.length; r += 1) {
    const [h, s, p, q] = [lines[4 * r - 4], lines[4 * r - 3], lines[4 * r - 2], lines[4 * r - 1]];
    if (h === undefined) return { record: r, reason: 'truncated' };
    if (!/^@./s.test(h)) return { record: r, reason: 'header' };
    if (s === undefined) return { record: r, reason: 'truncated' };
    if (!/^[ACGTN]+$/.test(s)) return { record: r, reason: 'sequence' };
    if (p === undefined) return { record: r, reason: 'truncated' };
    if (!p.startsWith('+')) return { record: r, reason: 'separator' };
    if (q === undefined) return { record: r, reason: 'truncated' };
    if (q.length !== s.length || !/^[!-~]*$/.test(q)) return { record: r, reason: 'quality' };
  }
  return null;
}

describe('generateFastq', () => {
  it('returns the same bytes for the same seed', () => {
    const a = generateFastq(new Prng(11), { reads: 50, length: 100 }).body;
    expect(a.equals(generateFastq(new Prng(11), { reads: 50, length: 100 }).body)).toBe(true);
  });

  it('produces valid FASTQ with the requested reads and lengths', () => {
    const { body, expected_error } = generateFastq(new Prng(12), { reads: 300, length: 150 });
    expect(expected_error).toBeUndefined();
    expect(firstFailure(body)).toBeNull();
    const lines = body.toString('latin1').trimEnd().split('\n');
    expect(lines).toHaveLength(1200);
    expect(lines.filter((_, i) => i % 4 === 1).every((s) => s.length === 150)).toBe(true);
  });

  it('produces valid FASTQ with CRLF line endings', () => {
    const { body } = generateFastq(new Prng(13), { reads: 20, length: 30, lineEnding: '\r\n' });
    expect(body.toString('latin1')).toContain('\r\n');
    expect(firstFailure(body)).toBeNull();
  });

  it('puts about the requested share of N bases in the sequences', () => {
    const text = generateFastq(new Prng(14), { reads: 200, length: 200, nShare: 0.05, motifShare: 0 }).body.toString('latin1');
    const sequences = text.split('\n').filter((_, i) => i % 4 === 1).join('');
    const nCount = [...sequences].filter((c) => c === 'N').length;
    expect(Math.abs(nCount / sequences.length - 0.05)).toBeLessThan(0.01);
  });

  it('spreads mean qualities on both sides of Q20', () => {
    const text = generateFastq(new Prng(15), { reads: 400, length: 50 }).body.toString('latin1');
    const quals = text.split('\n').filter((_, i) => i % 4 === 3);
    const q20 = quals.filter((q) => [...q].reduce((s, c) => s + c.charCodeAt(0) - 33, 0) >= 20 * q.length).length;
    expect(q20).toBeGreaterThan(100);
    expect(q20).toBeLessThan(300);
  });

  for (const reason of FASTQ_REJECT_REASONS) {
    it(`breaks exactly the record it reports for reason ${reason}`, () => {
      for (let seed = 0; seed < 30; seed += 1) {
        const { body, expected_error } = generateFastq(new Prng(seed), { reads: 8, length: 20, corrupt: reason });
        expect(firstFailure(body)).toEqual(expected_error);
      }
    });
  }
});
