// The TypeScript core: JSON.parse + per-element validation, per-key state in a Map, the FASTQ scan
// and the open-addressing k-mer table (events.ts, key-state.ts, fastq.ts, kmer-counter.ts).

import type { ProcessorCore, Stats } from './core.ts';
import { ingestBatch, type BatchError, type IngestResult } from './events.ts';
import { analyzeFastq, type FastqError, type FastqStats } from './fastq.ts';
import { viewKey, type KeyView } from './key-response.ts';
import { ProcessorState } from './key-state.ts';
import { KmerCounter } from './kmer-counter.ts';

export class JsCore implements ProcessorCore {
  private readonly state = new ProcessorState();
  // Created on first use; its tables then grow to the largest request seen (see kmer-counter.ts).
  private kmers: KmerCounter | undefined;

  ingest(body: Buffer): IngestResult | BatchError {
    return ingestBatch(body.toString('utf8'), this.state);
  }

  analyzeReads(body: Buffer): FastqStats | FastqError {
    this.kmers ??= new KmerCounter();
    const result = analyzeFastq(body, this.kmers);
    if (!('error' in result)) this.state.reads += result.reads;
    return result;
  }

  key(key: string): KeyView | null {
    return viewKey(this.state, key) ?? null;
  }

  stats(): Stats {
    return { keys: this.state.keys.size, events: this.state.events, reads: this.state.reads };
  }

  reset(): void {
    this.state.reset();
  }
}
