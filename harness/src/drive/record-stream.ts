// Reads the driver's live record stream (layout in harness/driver/src/stream.rs) while the
// driver runs: each poll parses the whole batches appended since the last one. The records
// arrive out of order (whichever connection answers first); they are kept by schedule index.
import { open, type FileHandle } from 'node:fs/promises';
import { RECORD_BYTES, type OpenLoopRecords } from './records.ts';

export const STREAM_MAGIC = 'LATSTR01';
const STREAM_HEADER_BYTES = 16;
const BATCH_HEADER_BYTES = 16;
const ENTRY_BYTES = 8 + RECORD_BYTES;
const FLAG_QUEUED = 1;
const TWO_POW_32 = 2 ** 32;

function u64(view: DataView, at: number): number {
  const lo = view.getUint32(at, true);
  const hi = view.getUint32(at + 4, true);
  if (hi === 0xffffffff && lo === 0xffffffff) return Number.NaN;
  return hi * TWO_POW_32 + lo;
}

/** One completed request as the stream carries it. */
export interface StreamedRecord {
  index: number;
  intended_ns: number;
  sent_ns: number;
  done_ns: number;
  status: number;
  error: number;
  phase: number;
  queued: number;
}

export interface StreamedBatches {
  /** CLOCK_MONOTONIC ns since boot of the driver's t0 (null until the header arrived). */
  t0_monotonic_ns: bigint | null;
  /** Driver time of the newest batch: everything due before it and not streamed was in flight. */
  watermark_ns: number;
  records: StreamedRecord[];
  /** Bytes consumed; the rest is an incomplete batch. */
  consumed: number;
}

/** Parses the whole batches in `bytes`: the stream from its start (`withHeader`) or from a batch boundary. */
export function parseStream(bytes: Uint8Array, withHeader: boolean): StreamedBatches {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: StreamedBatches = { t0_monotonic_ns: null, watermark_ns: Number.NaN, records: [], consumed: 0 };
  let at = 0;
  if (withHeader) {
    if (bytes.length < STREAM_HEADER_BYTES) return out;
    const magic = new TextDecoder().decode(bytes.subarray(0, 8));
    if (magic !== STREAM_MAGIC) throw new Error(`record stream has magic ${JSON.stringify(magic)}, expected ${STREAM_MAGIC}`);
    out.t0_monotonic_ns = view.getBigUint64(8, true);
    at = STREAM_HEADER_BYTES;
    out.consumed = at;
  }
  while (at + BATCH_HEADER_BYTES <= bytes.length) {
    const watermark = u64(view, at);
    const count = view.getUint32(at + 8, true);
    const end = at + BATCH_HEADER_BYTES + count * ENTRY_BYTES;
    if (end > bytes.length) break;
    for (let e = at + BATCH_HEADER_BYTES; e < end; e += ENTRY_BYTES) {
      const r = e + 8;
      out.records.push({
        index: u64(view, e),
        intended_ns: u64(view, r),
        sent_ns: u64(view, r + 8),
        done_ns: u64(view, r + 16),
        status: view.getUint16(r + 24, true),
        error: view.getUint8(r + 26),
        phase: view.getUint8(r + 27),
        queued: view.getUint8(r + 29) & FLAG_QUEUED,
      });
    }
    out.watermark_ns = watermark;
    at = end;
    out.consumed = at;
  }
  return out;
}

/**
 * The stream so far as records the record stage can read: every request due before the
 * watermark, in schedule order. One still in flight at the watermark gets `done_ns` = the
 * watermark and status IN_FLIGHT_STATUS: its latency so far, a lower bound. Leaving it out would
 * drop exactly the slowest requests of the moment and make the live p99 look better than it is.
 */
export const IN_FLIGHT_STATUS = 0xffff;

export class RecordStreamReader {
  private handle: FileHandle | undefined;
  private offset = 0;
  private pending = new Uint8Array(0);
  private done = new Map<number, StreamedRecord>();
  t0_monotonic_ns: bigint | null = null;
  watermark_ns = Number.NaN;

  constructor(
    private readonly path: string,
    /** The schedule's intended times (ns after t0), from drive/schedule.ts. */
    private readonly intended_ns: Float64Array,
    private readonly warmup_s: number,
  ) {}

  /** Reads what the driver appended since the last poll; false while the file does not exist yet. */
  async poll(): Promise<boolean> {
    if (!this.handle) {
      try {
        this.handle = await open(this.path, 'r');
      } catch {
        return false;
      }
    }
    const { size } = await this.handle.stat();
    if (size > this.offset) {
      const fresh = Buffer.alloc(size - this.offset);
      const { bytesRead } = await this.handle.read(fresh, 0, fresh.length, this.offset);
      this.offset += bytesRead;
      const joined = new Uint8Array(this.pending.length + bytesRead);
      joined.set(this.pending);
      joined.set(fresh.subarray(0, bytesRead), this.pending.length);
      // Until the header is read, `pending` starts at the file's start; after it, at a batch boundary.
      const parsed = parseStream(joined, this.t0_monotonic_ns === null);
      if (parsed.t0_monotonic_ns !== null) this.t0_monotonic_ns = parsed.t0_monotonic_ns;
      for (const r of parsed.records) this.done.set(r.index, r);
      if (Number.isFinite(parsed.watermark_ns)) this.watermark_ns = parsed.watermark_ns;
      this.pending = joined.slice(parsed.consumed);
    }
    return true;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  /** Seconds of the measure phase due so far (0 before the watermark passed the warmup). */
  measuredS(): number {
    return Number.isFinite(this.watermark_ns) ? Math.max(0, this.watermark_ns / 1e9 - this.warmup_s) : 0;
  }

  /** Every request due before the watermark (see IN_FLIGHT_STATUS). */
  view(): OpenLoopRecords {
    const w = this.watermark_ns;
    let count = 0;
    if (Number.isFinite(w)) while (count < this.intended_ns.length && this.intended_ns[count]! <= w) count++;
    const out = {
      count,
      intended_ns: this.intended_ns.slice(0, count),
      sent_ns: new Float64Array(count).fill(Number.NaN),
      done_ns: new Float64Array(count).fill(w),
      status: new Uint16Array(count).fill(IN_FLIGHT_STATUS),
      error: new Uint8Array(count),
      phase: new Uint8Array(count),
      kind: new Uint8Array(count),
      queued: new Uint8Array(count),
    };
    const warmup_ns = this.warmup_s * 1e9;
    for (let i = 0; i < count; i++) out.phase[i] = this.intended_ns[i]! < warmup_ns ? 0 : 1;
    for (const [i, r] of this.done) {
      if (i >= count) continue;
      out.sent_ns[i] = r.sent_ns;
      out.done_ns[i] = r.done_ns;
      out.status[i] = r.status;
      out.error[i] = r.error;
      out.phase[i] = r.phase;
      out.queued[i] = r.queued;
    }
    return out;
  }
}
