// Byte-level mutations of a valid request body, seeded: the inputs a parser meets when a client
// is broken or hostile. Tokens come from the places where the spec and the JSON/FASTQ grammars
// are sharpest (escapes, surrogates, number edges, structure, line endings).
import type { Prng } from '../../../harness/src/workload/index.ts';

const TOKENS = [
  '"', '\\', '\\u', '\\ud800', '\\udc00', '\\u0000', '1e400', '-1e400', '-0', '1e-400', '9007199254740993',
  '100000000000000000000', '1.0', '1e3', '[', ']', '{', '}', ',', ':', 'null', 'true', '"key"', '"ts"', '"value"',
  '"kind"', '"alert"', '\u00e9', '\u{1F600}', '\x00', '\x7f', '\r', '\n', '\r\n', '@', '+', 'N', 'ACGT', '!', '~', ' ',
  '[[[[[[[[[[', ']]]]]]]]]]',
].map((t) => Buffer.from(t, 'utf8'));
const RAW_BYTES = [0x00, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xf5, 0xfe, 0xff];

export function mutate(rng: Prng, input: Buffer, mutations: number): Buffer {
  let body = input;
  for (let i = 0; i < mutations; i += 1) {
    const at = body.length === 0 ? 0 : rng.int(body.length + 1);
    switch (rng.int(7)) {
      case 0: {
        // flip one bit
        if (body.length === 0) break;
        const copy = Buffer.from(body);
        const pos = Math.min(at, copy.length - 1);
        copy[pos] = copy[pos]! ^ (1 << rng.int(8));
        body = copy;
        break;
      }
      case 1:
        body = Buffer.concat([body.subarray(0, at), rng.pick(TOKENS), body.subarray(at)]);
        break;
      case 2:
        // a raw byte that may break UTF-8
        body = Buffer.concat([body.subarray(0, at), Buffer.from([rng.pick(RAW_BYTES)]), body.subarray(at)]);
        break;
      case 3: {
        const end = Math.min(body.length, at + rng.between(1, 16));
        body = Buffer.concat([body.subarray(0, at), body.subarray(end)]);
        break;
      }
      case 4: {
        const end = Math.min(body.length, at + rng.between(1, 64));
        body = Buffer.concat([body.subarray(0, end), body.subarray(at, end), body.subarray(end)]);
        break;
      }
      case 5:
        body = body.subarray(0, at);
        break;
      default: {
        // replace one token by another
        const token = rng.pick(TOKENS);
        body = Buffer.concat([body.subarray(0, at), token, body.subarray(Math.min(body.length, at + token.length))]);
      }
    }
  }
  return body;
}
