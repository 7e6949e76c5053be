// FASTQ bodies for POST /v1/reads: R reads of length L over ACGT with some N bases, qualities
// spread around Q20 so q20_reads is not trivially all or nothing, and recurring motifs so the
// top k-mers have counts above one. Optionally one record is broken with a chosen reason.
import type { Prng } from './prng.ts';

export type FastqRejectReason = 'header' | 'sequence' | 'separator' | 'quality' | 'truncated';
export const FASTQ_REJECT_REASONS: readonly FastqRejectReason[] = ['header', 'sequence', 'separator', 'quality', 'truncated'];

export interface FastqOptions {
  reads: number;
  /** Bases per read (at least 1). */
  length: number;
  /** Probability that a base is N (default 0.01). */
  nShare?: number;
  /** Probability that a read carries one of a few shared motifs (default 0.3). */
  motifShare?: number;
  /** Line ending (default "\n"). */
  lineEnding?: '\n' | '\r\n';
  /** Break one record, chosen at random, for this reason (default: none). */
  corrupt?: FastqRejectReason;
}

export interface FastqBody {
  body: Buffer;
  /** What the spec says the server must answer when `corrupt` was set. */
  expected_error?: { record: number; reason: FastqRejectReason };
}

const BASES = ['A', 'C', 'G', 'T'] as const;

function randomBases(rng: Prng, n: number, nShare: number): string {
  let s = '';
  for (let i = 0; i < n; i += 1) s += rng.chance(nShare) ? 'N' : rng.pick(BASES);
  return s;
}

function qualities(rng: Prng, n: number): string {
  // Each read has its own mean quality between Q5 and Q38, each base within ±5 of it.
  const mean = rng.between(5, 38);
  let s = '';
  for (let i = 0; i < n; i += 1) s += String.fromCharCode(33 + Math.max(0, Math.min(93, mean + rng.between(-5, 5))));
  return s;
}

function corruptRecord(lines: string[], reason: Exclude<FastqRejectReason, 'truncated'>, rng: Prng): void {
  const [header, sequence, separator, quality] = lines as [string, string, string, string];
  switch (reason) {
    case 'header':
      lines[0] = rng.pick([header.replace('@', '>'), '', '@']);
      break;
    case 'sequence': {
      const at = rng.int(sequence.length);
      const bad = rng.pick(['a', 'c', 'X', 'U', '.']);
      lines[1] = rng.chance(0.2) ? '' : sequence.slice(0, at) + bad + sequence.slice(at + 1);
      if (lines[1] === '') lines[3] = '';
      break;
    }
    case 'separator':
      lines[2] = rng.pick(['', '-', separator.replace('+', '=')]);
      break;
    case 'quality':
      lines[3] = rng.chance(0.5) ? quality.slice(0, -1) : quality.slice(0, -1) + rng.pick([' ', '\u007f']);
      break;
  }
}

export function generateFastq(rng: Prng, options: FastqOptions): FastqBody {
  if (options.length < 1) throw new RangeError('FASTQ reads need at least one base');
  const nShare = options.nShare ?? 0.01;
  const motifShare = options.motifShare ?? 0.3;
  const eol = options.lineEnding ?? '\n';
  const motifs = Array.from({ length: 6 }, () => randomBases(rng, Math.min(20, options.length), 0));
  const records: string[][] = [];
  for (let r = 0; r < options.reads; r += 1) {
    let sequence = randomBases(rng, options.length, nShare);
    if (rng.chance(motifShare)) {
      const motif = rng.pick(motifs);
      const at = rng.int(options.length - motif.length + 1);
      sequence = sequence.slice(0, at) + motif + sequence.slice(at + motif.length);
    }
    records.push([`@read-${r + 1} lane=${rng.int(8)}`, sequence, rng.chance(0.5) ? '+' : `+read-${r + 1}`, qualities(rng, options.length)]);
  }

  let expected: FastqBody['expected_error'];
  if (options.corrupt !== undefined && records.length > 0) {
    const index = rng.int(records.length);
    expected = { record: index + 1, reason: options.corrupt };
    if (options.corrupt === 'truncated') {
      // The body ends after 1–3 lines of this record; later records never arrive.
      records.splice(index + 1);
      records[index] = records[index]!.slice(0, rng.between(1, 3));
    } else {
      corruptRecord(records[index]!, options.corrupt, rng);
    }
  }
  const text = records.map((lines) => lines.join(eol)).join(eol) + (records.length > 0 ? eol : '');
  return { body: Buffer.from(text, 'latin1'), ...(expected ? { expected_error: expected } : {}) };
}
