// POST /v1/reads: FASTQ parsing (exactly as the spec splits lines) and per-request statistics.
// Works on the raw bytes: the body is already known to be valid UTF-8, and every rule is about
// ASCII bytes, so no string is decoded. Statistics and k-mers are gathered in the same pass as
// the checks; a failure anywhere returns only the error (the partial sums are simply dropped) and
// the shared k-mer table is cleared whatever happens.

import { KmerCounter, type KmerCount } from './kmer-counter.ts';

export type FastqReason = 'header' | 'sequence' | 'separator' | 'quality' | 'truncated';

/** The 400 response body for a malformed record, fields in the spec's order. */
export interface FastqError {
  readonly error: string;
  /** 1-based record number. */
  readonly record: number;
  readonly reason: FastqReason;
}

/** The 200 response body, fields in the spec's order. */
export interface FastqStats {
  readonly reads: number;
  readonly bases: number;
  readonly gc_bases: number;
  readonly n_bases: number;
  readonly quality_sum: number;
  readonly q20_reads: number;
  readonly kmers: number;
  readonly distinct_kmers: number;
  readonly top_kmers: KmerCount[];
}

const LF = 0x0a;
const CR = 0x0d;
const AT = 0x40;
const PLUS = 0x2b;
const QUALITY_MIN = 0x21; // '!'
const QUALITY_MAX = 0x7e; // '~'
const PHRED_OFFSET = 33;
const Q20 = 20;
const LINE_NAMES = ['header', 'sequence', 'separator', 'quality'] as const;

/** 1 = G or C, 2 = N, 3 = A or T, 0 = not a base. */
const BASE_CLASS = new Uint8Array(256);
BASE_CLASS[0x47] = 1;
BASE_CLASS[0x43] = 1;
BASE_CLASS[0x4e] = 2;
BASE_CLASS[0x41] = 3;
BASE_CLASS[0x54] = 3;

export function analyzeFastq(body: Buffer, counter: KmerCounter): FastqStats | FastqError {
  try {
    return scan(body, counter);
  } finally {
    counter.clear();
  }
}

function scan(body: Buffer, counter: KmerCounter): FastqStats | FastqError {
  // Every base has a quality byte too, so a body of n bytes holds fewer than n/2 k-mers.
  counter.begin(body.length >>> 1);
  // Remove one trailing \n; what is left splits on \n into lines (an empty rest has no lines).
  const end = body.length > 0 && body[body.length - 1] === LF ? body.length - 1 : body.length;
  let reads = 0;
  let bases = 0;
  let gcBases = 0;
  let nBases = 0;
  let qualitySum = 0;
  let q20Reads = 0;

  let pos = 0; // start of the next line; pos > end means there is none
  let line = 0; // 1-based number of the current line
  while (end > 0 && pos <= end) {
    const record = reads + 1;
    let seqStart = 0;
    let seqLength = 0;
    for (let field = 0; field < 4; field++) {
      line += 1;
      if (pos > end) return failure(record, line, 'truncated', `${LINE_NAMES[field]} line is missing (the body ended)`);
      let lineEnd = body.indexOf(LF, pos);
      if (lineEnd === -1 || lineEnd > end) lineEnd = end;
      const start = pos;
      const stop = lineEnd > start && body[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      pos = lineEnd + 1;

      if (field === 0) {
        if (stop - start < 2 || body[start] !== AT) return failure(record, line, 'header', "header must be '@' followed by an identifier");
      } else if (field === 1) {
        if (stop === start) return failure(record, line, 'sequence', 'sequence is empty');
        let gc = 0;
        let n = 0;
        for (let i = start; i < stop; i++) {
          const cls = BASE_CLASS[body[i]!]!;
          if (cls === 0) return failure(record, line, 'sequence', 'sequence may hold only A, C, G, T and N (uppercase)');
          if (cls === 1) gc++;
          else if (cls === 2) n++;
        }
        gcBases += gc;
        nBases += n;
        seqStart = start;
        seqLength = stop - start;
      } else if (field === 2) {
        if (stop === start || body[start] !== PLUS) return failure(record, line, 'separator', "separator must start with '+'");
      } else {
        if (stop - start !== seqLength) {
          return failure(record, line, 'quality', `quality has ${stop - start} characters, the sequence ${seqLength}`);
        }
        let sum = 0;
        for (let i = start; i < stop; i++) {
          const q = body[i]!;
          if (q < QUALITY_MIN || q > QUALITY_MAX) return failure(record, line, 'quality', "quality characters must be from '!' to '~'");
          sum += q - PHRED_OFFSET;
        }
        qualitySum += sum;
        if (sum >= Q20 * seqLength) q20Reads++;
      }
    }
    // Counted only once the record is whole; a later failure discards the table anyway.
    counter.addSequence(body, seqStart, seqStart + seqLength);
    bases += seqLength;
    reads++;
  }

  return {
    reads,
    bases,
    gc_bases: gcBases,
    n_bases: nBases,
    quality_sum: qualitySum,
    q20_reads: q20Reads,
    kmers: counter.kmers,
    distinct_kmers: counter.distinct,
    top_kmers: counter.top(),
  };
}

function failure(record: number, line: number, reason: FastqReason, detail: string): FastqError {
  return { error: `FASTQ record ${record} (line ${line}): ${detail}`, record, reason };
}
