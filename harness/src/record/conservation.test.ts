import { describe, expect, it } from 'vitest';
import type { OpenLoopRecords } from '../drive/records.ts';
import type { PoolRequest } from '../plan/requests.ts';
import { acknowledged, checkConservation, conservationMessage } from './conservation.ts';

const req = (accepted_events: number, reads = 0): PoolRequest => ({
  method: 'POST', path: '/v1/events', body: Buffer.alloc(0), kind: 1, events: accepted_events + 1, accepted_events, reads,
});

function records(rows: { status: number; sent?: boolean }[]): OpenLoopRecords {
  const n = rows.length;
  return {
    count: n,
    intended_ns: new Float64Array(n),
    sent_ns: Float64Array.from(rows, (r) => (r.sent === false ? Number.NaN : 1)),
    done_ns: new Float64Array(n),
    status: Uint16Array.from(rows, (r) => r.status),
    error: new Uint8Array(n),
    phase: new Uint8Array(n),
    kind: new Uint8Array(n),
    queued: new Uint8Array(n),
  };
}

describe('acknowledged', () => {
  it('adds the accepted events of the requests answered 2xx, cycling through the pool', () => {
    const pool = [req(10), req(7, 3)];
    const r = records([{ status: 200 }, { status: 200 }, { status: 200 }, { status: 400 }, { status: 0 }, { status: 0, sent: false }]);
    // requests 0..5 use pool 0,1,0,1,0,1: 2xx = 10+7+10; 4 was sent and never answered (10); 5 never sent.
    expect(acknowledged(r, pool)).toEqual({ events: 27, reads: 3, unanswered_events: 10, unanswered_reads: 0 });
  });
});

describe('checkConservation', () => {
  const ack = { events: 1000, reads: 0, unanswered_events: 100, unanswered_reads: 0 };

  it('passes when the counters grew by what was acknowledged, unanswered requests applied or not', () => {
    expect(checkConservation({ events: 50, reads: 0 }, { events: 1050, reads: 0 }, ack).ok).toBe(true);
    expect(checkConservation({ events: 50, reads: 0 }, { events: 1150, reads: 0 }, ack).ok).toBe(true);
  });

  it('fails a processor that kept fewer events than it acknowledged, naming both numbers', () => {
    const c = checkConservation({ events: 50, reads: 0 }, { events: 950, reads: 0 }, ack);
    expect(c.ok).toBe(false);
    expect(c).toMatchObject({ acknowledged_events: 1000, reported_events: 900 });
    expect(conservationMessage(c)).toMatch(/acknowledged 1000–1100 accepted events .* counts 900/);
  });

  it('fails a processor that counts more than it could have received', () => {
    expect(checkConservation({ events: 0, reads: 0 }, { events: 1101, reads: 0 }, ack).ok).toBe(false);
  });

  it('checks FASTQ reads the same way', () => {
    const reads = { events: 0, reads: 500, unanswered_events: 0, unanswered_reads: 0 };
    expect(checkConservation({ events: 0, reads: 0 }, { events: 0, reads: 500 }, reads).ok).toBe(true);
    expect(checkConservation({ events: 0, reads: 0 }, { events: 0, reads: 499 }, reads).ok).toBe(false);
  });
});
