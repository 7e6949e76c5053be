// Reads the stall recorder's `--stream` file while it records: a `t0_monotonic_ns N` line, then
// `cpu start_ns end_ns` per closed stall (ns after the recorder's t0). Stalls are handed out on
// the driver's axis, like drive/stall-recording.ts does with the final document.
import { open, type FileHandle } from 'node:fs/promises';

export interface AxisStall {
  cpu: number;
  start_ns: number;
  end_ns: number;
}

export interface ParsedStallLines {
  t0_monotonic_ns: bigint | null;
  stalls: { cpu: number; start_ns: number; end_ns: number }[];
  /** Characters consumed (whole lines only). */
  consumed: number;
}

/** Parses the complete lines of `text`; a malformed line is an error naming it. */
export function parseStallLines(text: string): ParsedStallLines {
  const out: ParsedStallLines = { t0_monotonic_ns: null, stalls: [], consumed: 0 };
  let from = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
    const line = text.slice(from, nl);
    from = nl + 1;
    const t0 = /^t0_monotonic_ns (\d+)$/.exec(line);
    if (t0) out.t0_monotonic_ns = BigInt(t0[1]!);
    else {
      const m = /^(\d+) (\d+) (\d+)$/.exec(line);
      if (!m) throw new Error(`stall stream: unexpected line ${JSON.stringify(line)}`);
      out.stalls.push({ cpu: Number(m[1]), start_ns: Number(m[2]), end_ns: Number(m[3]) });
    }
  }
  out.consumed = from;
  return out;
}

export class StallStreamReader {
  private handle: FileHandle | undefined;
  private offset = 0;
  private rest = '';
  private recorder_t0: bigint | null = null;
  private raw: ParsedStallLines['stalls'] = [];

  constructor(private readonly path: string) {}

  async poll(): Promise<void> {
    if (!this.handle) {
      try {
        this.handle = await open(this.path, 'r');
      } catch {
        return;
      }
    }
    const { size } = await this.handle.stat();
    if (size <= this.offset) return;
    const fresh = Buffer.alloc(size - this.offset);
    const { bytesRead } = await this.handle.read(fresh, 0, fresh.length, this.offset);
    this.offset += bytesRead;
    const text = this.rest + fresh.subarray(0, bytesRead).toString('utf8');
    const parsed = parseStallLines(text);
    if (parsed.t0_monotonic_ns !== null) this.recorder_t0 = parsed.t0_monotonic_ns;
    this.raw.push(...parsed.stalls);
    this.rest = text.slice(parsed.consumed);
  }

  /** Every stall so far on the driver's axis (ns after the driver's t0); none before both t0s are known. */
  stallsOnDriverAxis(driver_t0_monotonic_ns: bigint | null): AxisStall[] {
    if (this.recorder_t0 === null || driver_t0_monotonic_ns === null) return [];
    const shift = Number(this.recorder_t0 - driver_t0_monotonic_ns);
    return this.raw.map((s) => ({ cpu: s.cpu, start_ns: s.start_ns + shift, end_ns: s.end_ns + shift }));
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}
