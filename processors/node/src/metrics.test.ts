import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { MAX_PAUSES, RuntimeMetrics, unixNsOf } from './metrics.ts';

describe('unixNsOf', () => {
  it('turns a performance-timeline time into wall-clock Unix nanoseconds', () => {
    const before = BigInt(Date.now()) * 1_000_000n;
    const ns = unixNsOf(performance.now());
    const after = BigInt(Date.now() + 1) * 1_000_000n;
    // Date.now() and the timeline may disagree by a few ms (different clocks); 1 s is "same instant".
    expect(ns > before - 1_000_000_000n && ns < after + 1_000_000_000n).toBe(true);
  });

  it('keeps sub-microsecond steps that a double at 1.7e18 would round away', () => {
    expect(unixNsOf(1.000001) - unixNsOf(1)).toBe(1n);
  });
});

describe('RuntimeMetrics', () => {
  it('keeps the last 256 pauses, oldest first, and counts every one', () => {
    const m = new RuntimeMetrics();
    for (let i = 0; i < MAX_PAUSES + 10; i++) m.recordGc(i, 0.5, 'minor');
    const pauses = m.recentPauses();
    expect(pauses).toHaveLength(MAX_PAUSES);
    expect(pauses[0]!.endUnixNs).toBe(unixNsOf(10 + 0.5));
    expect(pauses.at(-1)!.endUnixNs).toBe(unixNsOf(MAX_PAUSES + 9 + 0.5));
    const body = JSON.parse(m.render({ impl: 'node', threads: 1 })) as { gc: { count: number; pause_total_ns: number } };
    expect(body.gc).toMatchObject({ count: MAX_PAUSES + 10, pause_total_ns: (MAX_PAUSES + 10) * 500_000 });
  });

  it('renders the spec fields in order with exact integer end times', () => {
    const m = new RuntimeMetrics();
    m.recordGc(100, 1.25, 'major');
    const text = m.render({ impl: 'node', threads: 2 });
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['impl', 'runtime', 'uptime_s', 'heap_bytes', 'gc', 'extra']);
    expect(text).toContain(`"pauses":[{"end_unix_ns":${unixNsOf(101.25)},"duration_ns":1250000,"kind":"major"}]`);
    expect(text).toContain('"gc":{"collector":true,"count":1,"pause_total_ns":1250000,');
  });

  it('serves the cycles its gc entries make, with the time the list is complete up to', () => {
    const m = new RuntimeMetrics();
    m.recordGc(100, 0.5, 'minor');
    m.recordGc(200, 1, 'incremental');
    const before = unixNsOf(performance.now());
    const text = m.render({ impl: 'node', threads: 1 });
    expect(text).toContain(`"cycles":[{"start_unix_ns":${unixNsOf(100)},"end_unix_ns":${unixNsOf(100.5)},"kind":"minor",`);
    expect(text).toContain(`"cycle_in_progress":{"start_unix_ns":${unixNsOf(200)},"kind":"major"}},`);
    const until = /"cycles_until_unix_ns":(\d+),/.exec(text)?.[1];
    expect(until !== undefined && BigInt(until) >= before).toBe(true);
  });

  it('reports event-loop delay as null before the monitor has sampled', () => {
    const body = JSON.parse(new RuntimeMetrics().render({ impl: 'node', threads: 1 })) as { extra: Record<string, unknown> };
    expect(body.extra).toMatchObject({ threads: 1, event_loop_delay_samples: 0, event_loop_delay_p99_ns: null });
  });

  it('records real GC pauses once started', async () => {
    const m = new RuntimeMetrics();
    m.start();
    try {
      // Allocate until the observer has delivered at least one collection.
      for (let round = 0; round < 200 && m.recentPauses().length === 0; round++) {
        const garbage: unknown[] = [];
        for (let i = 0; i < 100_000; i++) garbage.push({ i });
        await new Promise((resolve) => setImmediate(resolve));
      }
      const [first] = m.recentPauses();
      expect(first).toBeDefined();
      expect(['minor', 'major', 'incremental', 'weakcb']).toContain(first!.kind);
      // Young garbage makes scavenges: a real entry became a cycle too.
      expect(m.recentCycles().length).toBeGreaterThan(0);
    } finally {
      m.stop();
    }
  });
});
