// Nothing lost under load: what the processor says it holds (/v1/stats, read before and after
// the load) must equal what it acknowledged. The workload generator knows how many events (and
// FASTQ reads) each pool request carries that the spec accepts, so the 2xx answers the driver
// received add up to an exact expectation. A request that was sent but never answered (cut off
// at the end, a timeout) may or may not have been applied: it widens the range, nothing more.
import type { OpenLoopRecords } from '../drive/records.ts';
import type { PoolRequest } from '../plan/requests.ts';
import type { Conservation } from '../results/schema.ts';
import type { StatsCounters } from '../sample/stats.ts';

export type { StatsCounters };

export interface Acknowledged {
  /** Events in requests answered 2xx. */
  events: number;
  reads: number;
  /** Events and reads in requests sent whose answer never came. */
  unanswered_events: number;
  unanswered_reads: number;
}

/** Request i of the records used pool[i % pool.length] (the driver's rule). */
export function acknowledged(records: OpenLoopRecords, pool: readonly PoolRequest[]): Acknowledged {
  const out: Acknowledged = { events: 0, reads: 0, unanswered_events: 0, unanswered_reads: 0 };
  if (pool.length === 0) return out;
  for (let i = 0; i < records.count; i++) {
    const req = pool[i % pool.length]!;
    const status = records.status[i]!;
    if (status >= 200 && status < 300) {
      out.events += req.accepted_events;
      out.reads += req.reads;
    } else if (status === 0 && !Number.isNaN(records.sent_ns[i]!)) {
      out.unanswered_events += req.accepted_events;
      out.unanswered_reads += req.reads;
    }
  }
  return out;
}

/** Compares the growth of the processor's counters with what it acknowledged. */
export function checkConservation(before: StatsCounters, after: StatsCounters, ack: Acknowledged): Conservation {
  const events = after.events - before.events;
  const reads = after.reads - before.reads;
  const within = (got: number, min: number, extra: number) => got >= min && got <= min + extra;
  const ok = within(events, ack.events, ack.unanswered_events) && within(reads, ack.reads, ack.unanswered_reads);
  return {
    ok,
    acknowledged_events: ack.events,
    reported_events: events,
    unanswered_events: ack.unanswered_events,
    acknowledged_reads: ack.reads,
    reported_reads: reads,
    unanswered_reads: ack.unanswered_reads,
  };
}

/** The one-line reason a measurement fails the check. */
export function conservationMessage(c: Conservation): string {
  const parts: string[] = [];
  const range = (ack: number, extra: number) => (extra ? `${ack}–${ack + extra}` : `${ack}`);
  if (c.reported_events < c.acknowledged_events || c.reported_events > c.acknowledged_events + c.unanswered_events) {
    parts.push(`it acknowledged ${range(c.acknowledged_events, c.unanswered_events)} accepted events in its 2xx answers but /v1/stats counts ${c.reported_events} more events than before the load`);
  }
  if (c.reported_reads < c.acknowledged_reads || c.reported_reads > c.acknowledged_reads + c.unanswered_reads) {
    parts.push(`it acknowledged ${range(c.acknowledged_reads, c.unanswered_reads)} FASTQ reads but /v1/stats counts ${c.reported_reads}`);
  }
  return `the processor lost or invented work: ${parts.join('; ')}`;
}
