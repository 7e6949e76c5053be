import { mkdtemp, appendFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IN_FLIGHT_STATUS, parseStream, RecordStreamReader, STREAM_MAGIC } from './record-stream.ts';

// Bytes as harness/driver/src/stream.rs writes them.
function header(t0: bigint): Buffer {
  const b = Buffer.alloc(16);
  b.write(STREAM_MAGIC, 0, 'latin1');
  b.writeBigUInt64LE(t0, 8);
  return b;
}

function batch(watermark_ns: number, entries: Array<{ index: number; intended_ns: number; done_ns: number; status: number }>): Buffer {
  const b = Buffer.alloc(16 + entries.length * 40);
  b.writeBigUInt64LE(BigInt(watermark_ns), 0);
  b.writeUInt32LE(entries.length, 8);
  entries.forEach((e, k) => {
    const at = 16 + k * 40;
    b.writeBigUInt64LE(BigInt(e.index), at);
    b.writeBigUInt64LE(BigInt(e.intended_ns), at + 8);
    b.writeBigUInt64LE(BigInt(e.intended_ns + 10), at + 16);
    b.writeBigUInt64LE(BigInt(e.done_ns), at + 24);
    b.writeUInt16LE(e.status, at + 32);
    b.writeUInt8(1, at + 35);
  });
  return b;
}

describe('parseStream', () => {
  it('reads the header and whole batches, and stops before a partial one', () => {
    const whole = Buffer.concat([header(123n), batch(5_000, [{ index: 1, intended_ns: 1_000, done_ns: 3_000, status: 200 }])]);
    const partial = batch(9_000, [{ index: 0, intended_ns: 0, done_ns: 8_000, status: 200 }]).subarray(0, 30);
    const parsed = parseStream(Buffer.concat([whole, partial]), true);
    expect(parsed.t0_monotonic_ns).toBe(123n);
    expect(parsed.watermark_ns).toBe(5_000);
    expect(parsed.records).toMatchObject([{ index: 1, intended_ns: 1_000, done_ns: 3_000, status: 200, phase: 1 }]);
    expect(parsed.consumed).toBe(whole.length);
  });

  it('refuses a file that is not a record stream', () => {
    expect(() => parseStream(Buffer.alloc(16, 1), true)).toThrow(/magic/);
  });
});

describe('RecordStreamReader', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'record-stream-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('puts the streamed records in schedule order and the ones still in flight at the watermark', async () => {
    const file = path.join(dir, 'stream.bin');
    const intended = Float64Array.from([0, 1_000, 2_000, 3_000]);
    const reader = new RecordStreamReader(file, intended, 0);
    await writeFile(file, header(7n));
    await reader.poll();
    // Request 1 answered first, then request 0; request 2 is still in flight at 2,500; 3 is not yet due.
    await appendFile(file, Buffer.concat([batch(1_500, [{ index: 1, intended_ns: 1_000, done_ns: 1_400, status: 200 }]), batch(2_500, [{ index: 0, intended_ns: 0, done_ns: 2_200, status: 200 }])]));
    await reader.poll();
    const v = reader.view();
    expect(reader.t0_monotonic_ns).toBe(7n);
    expect(v.count).toBe(3);
    expect([...v.done_ns]).toEqual([2_200, 1_400, 2_500]);
    expect([...v.status]).toEqual([200, 200, IN_FLIGHT_STATUS]);
    await reader.close();
  });

  it('picks up a batch that was only half written at the previous poll', async () => {
    const file = path.join(dir, 'stream.bin');
    const reader = new RecordStreamReader(file, Float64Array.from([0]), 0);
    const b = batch(2_000, [{ index: 0, intended_ns: 0, done_ns: 900, status: 200 }]);
    await writeFile(file, Buffer.concat([header(1n), batch(500, []), b.subarray(0, 20)]));
    await reader.poll();
    expect(reader.view().status[0]).toBe(IN_FLIGHT_STATUS);
    await appendFile(file, b.subarray(20));
    await reader.poll();
    expect(reader.view().done_ns[0]).toBe(900);
    await reader.close();
  });

  it('reports nothing measured before the watermark passes the warmup', async () => {
    const file = path.join(dir, 'stream.bin');
    const reader = new RecordStreamReader(file, Float64Array.from([0]), 1);
    await writeFile(file, Buffer.concat([header(1n), batch(0.5e9, [])]));
    await reader.poll();
    expect(reader.measuredS()).toBe(0);
    await reader.close();
  });
});
