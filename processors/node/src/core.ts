// The workloads behind the HTTP layer (validation + aggregation, FASTQ + k-mers, the state), as one
// interface, so that server.ts only routes, checks and serializes. Two implementations: this
// folder's TypeScript (js-core.ts) and a native addon of the same shape (addon-core.ts loads it;
// processors/node-rust builds the Rust processor's core as one). main.ts picks one at start.

import type { BatchError, IngestResult } from './events.ts';
import type { FastqError, FastqStats } from './fastq.ts';
import type { KeyView } from './key-response.ts';

/** GET /v1/stats, fields in the spec's order. */
export interface Stats {
  readonly keys: number;
  readonly events: number;
  readonly reads: number;
}

export interface ProcessorCore {
  /** POST /v1/events on a body already checked to be UTF-8: validate, apply the valid events in order. */
  ingest(body: Buffer): IngestResult | BatchError;
  /** POST /v1/reads on a body already checked to be UTF-8; on success its records count towards `reads`. */
  analyzeReads(body: Buffer): FastqStats | FastqError;
  /** GET /v1/keys/{key}; null for a key not seen since the last reset. */
  key(key: string): KeyView | null;
  stats(): Stats;
  /** POST /v1/reset: clears keys, events and reads. */
  reset(): void;
  /** Figures the core adds to /metrics `extra` (a native core's own heap, say); V8's are always there. */
  metrics?(): Readonly<Record<string, number | string>>;
}

/** A core and the `impl` name the processor reports with it in /health and /metrics. */
export interface CoreChoice {
  readonly impl: string;
  readonly core: ProcessorCore;
}
