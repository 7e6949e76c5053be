import { describe, expect, it } from 'vitest';
import { ErrorKind, parseRecords, RECORD_BYTES, RECORDS_HEADER_BYTES } from './records.ts';

interface Rec { intended: bigint; sent: bigint; done: bigint; status: number; error: number; phase: number; kind: number; flags: number }

function encode(recs: Rec[]): Uint8Array {
  const buf = new Uint8Array(RECORDS_HEADER_BYTES + recs.length * RECORD_BYTES);
  buf.set(new TextEncoder().encode('LATDRV01'), 0);
  const v = new DataView(buf.buffer);
  v.setUint32(8, RECORD_BYTES, true);
  recs.forEach((r, i) => {
    const at = RECORDS_HEADER_BYTES + i * RECORD_BYTES;
    v.setBigUint64(at, r.intended, true);
    v.setBigUint64(at + 8, r.sent, true);
    v.setBigUint64(at + 16, r.done, true);
    v.setUint16(at + 24, r.status, true);
    buf[at + 26] = r.error;
    buf[at + 27] = r.phase;
    buf[at + 28] = r.kind;
    buf[at + 29] = r.flags;
  });
  return buf;
}

describe('parseRecords', () => {
  it('reads every field of little-endian records', () => {
    const big = 5n * 2n ** 32n + 123n;
    const r = parseRecords(encode([
      { intended: 0n, sent: 1500n, done: 90_000n, status: 200, error: 0, phase: 0, kind: 2, flags: 0 },
      { intended: big, sent: big + 7n, done: big + 1_000_000n, status: 404, error: ErrorKind.none, phase: 1, kind: 5, flags: 1 },
    ]));
    expect(r.count).toBe(2);
    expect([...r.intended_ns]).toEqual([0, Number(big)]);
    expect([...r.sent_ns]).toEqual([1500, Number(big + 7n)]);
    expect([...r.done_ns]).toEqual([90_000, Number(big + 1_000_000n)]);
    expect([...r.status]).toEqual([200, 404]);
    expect([...r.phase]).toEqual([0, 1]);
    expect([...r.kind]).toEqual([2, 5]);
    expect([...r.queued]).toEqual([0, 1]);
  });

  it('maps the never-sent sentinel to NaN', () => {
    const r = parseRecords(encode([{ intended: 10n, sent: 2n ** 64n - 1n, done: 20n, status: 0, error: ErrorKind.timeout, phase: 1, kind: 0, flags: 1 }]));
    expect(r.sent_ns[0]).toBeNaN();
    expect(r.error[0]).toBe(ErrorKind.timeout);
  });

  it('rejects a file with the wrong magic', () => {
    const b = encode([]);
    b[0] = 0x58;
    expect(() => parseRecords(b)).toThrow(/magic/);
  });

  it('rejects a truncated file', () => {
    const b = encode([{ intended: 0n, sent: 0n, done: 0n, status: 200, error: 0, phase: 0, kind: 0, flags: 0 }]);
    expect(() => parseRecords(b.subarray(0, b.length - 3))).toThrow(/truncated/);
  });
});
