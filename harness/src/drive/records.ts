// Reads the driver's binary records file (layout documented in harness/driver/src/records.rs)
// into typed arrays: one array per field, so a million records cost ~30 MB and no objects.

/** Error kinds as written by the driver. */
export const ErrorKind = { none: 0, connect: 1, timeout: 2, reset: 3, parse: 4 } as const;
export type ErrorKindName = keyof typeof ErrorKind;
export const Phase = { warmup: 0, measure: 1 } as const;
export type PhaseName = keyof typeof Phase;

export const RECORDS_MAGIC = 'LATDRV01';
export const RECORDS_HEADER_BYTES = 16;
export const RECORD_BYTES = 32;
const FLAG_QUEUED = 1;

/** Every request the driver scheduled, in schedule order. Times are ns after the driver's t0 (CLOCK_MONOTONIC). */
export interface OpenLoopRecords {
  readonly count: number;
  /** When the request should have been sent (the schedule). */
  readonly intended_ns: Float64Array;
  /** When it was written to the socket; NaN if it never was (timed out in the queue, connect error). */
  readonly sent_ns: Float64Array;
  /** When the response completed or the error was recorded. */
  readonly done_ns: Float64Array;
  /** HTTP status, 0 without a response. */
  readonly status: Uint16Array;
  /** One of ErrorKind. */
  readonly error: Uint8Array;
  /** One of Phase. */
  readonly phase: Uint8Array;
  /** The pool entry's kind label. */
  readonly kind: Uint8Array;
  /** 1 if the request waited for a free connection (that wait is in its corrected latency). */
  readonly queued: Uint8Array;
}

const TWO_POW_32 = 2 ** 32;

function u64AsNumber(view: DataView, at: number): number {
  const lo = view.getUint32(at, true);
  const hi = view.getUint32(at + 4, true);
  if (hi === 0xffffffff && lo === 0xffffffff) return Number.NaN;
  // Exact below 2^53 ns (104 days after t0).
  return hi * TWO_POW_32 + lo;
}

export function parseRecords(bytes: Uint8Array): OpenLoopRecords {
  if (bytes.length < RECORDS_HEADER_BYTES) throw new Error(`records file too short (${bytes.length} bytes)`);
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (magic !== RECORDS_MAGIC) throw new Error(`records file has magic ${JSON.stringify(magic)}, expected ${RECORDS_MAGIC}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(8, true);
  if (size !== RECORD_BYTES) throw new Error(`records of ${size} bytes, this reader knows ${RECORD_BYTES}`);
  const body = bytes.length - RECORDS_HEADER_BYTES;
  if (body % RECORD_BYTES !== 0) throw new Error(`records file truncated: ${body} bytes is not a multiple of ${RECORD_BYTES}`);
  const count = body / RECORD_BYTES;
  const out = {
    count,
    intended_ns: new Float64Array(count),
    sent_ns: new Float64Array(count),
    done_ns: new Float64Array(count),
    status: new Uint16Array(count),
    error: new Uint8Array(count),
    phase: new Uint8Array(count),
    kind: new Uint8Array(count),
    queued: new Uint8Array(count),
  };
  for (let i = 0; i < count; i++) {
    const at = RECORDS_HEADER_BYTES + i * RECORD_BYTES;
    out.intended_ns[i] = u64AsNumber(view, at);
    out.sent_ns[i] = u64AsNumber(view, at + 8);
    out.done_ns[i] = u64AsNumber(view, at + 16);
    out.status[i] = view.getUint16(at + 24, true);
    out.error[i] = view.getUint8(at + 26);
    out.phase[i] = view.getUint8(at + 27);
    out.kind[i] = view.getUint8(at + 28);
    out.queued[i] = view.getUint8(at + 29) & FLAG_QUEUED;
  }
  return out;
}

/** A response arrived (any status) and no transport error happened: its latency is meaningful. */
export function hasResponse(r: OpenLoopRecords, i: number): boolean {
  return r.error[i] === ErrorKind.none && r.status[i] !== 0;
}
