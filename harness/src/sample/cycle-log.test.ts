import { describe, expect, it } from 'vitest';
import { CycleLog } from './cycle-log.ts';
import type { MetricsCycle, MetricsResponse } from './metrics.ts';

const T = 1_764_144_000_000_000_000;
const MS = 1_000_000;

function cycle(startMs: number, endMs: number, kind = 'major'): MetricsCycle {
  return {
    start_unix_ns: T + startMs * MS,
    end_unix_ns: T + endMs * MS,
    kind,
    stw_ns: 50_000,
    cpu_ns: null,
    phases: [{ name: 'mark_sweep_compact', stw: true, start_unix_ns: T + startMs * MS, end_unix_ns: T + endMs * MS }],
  };
}

function poll(cycles: MetricsCycle[] | undefined, untilMs: number | null, inProgressMs: number | null = null): MetricsResponse {
  return {
    impl: 'x',
    gc: {
      collector: true,
      count: 0,
      pause_total_ns: 0,
      pauses: [],
      ...(cycles && {
        cycles,
        cycles_until_unix_ns: untilMs === null ? null : T + untilMs * MS,
        cycle_in_progress: inProgressMs === null ? null : { start_unix_ns: T + inProgressMs * MS, kind: 'major' },
      }),
    },
  };
}

describe('CycleLog', () => {
  it('keeps a cycle seen by several polls once', () => {
    const log = new CycleLog();
    log.add(poll([cycle(0, 3)], 900));
    log.add(poll([cycle(0, 3), cycle(500, 502, 'minor')], 1900));
    expect(log.record().cycles.map((c) => [c.kind, c.start_unix_ns])).toEqual([
      ['major', T],
      ['minor', T + 500 * MS],
    ]);
  });

  it('lists cycles in the order they ended, whatever order polls brought them in', () => {
    const log = new CycleLog();
    log.add(poll([cycle(100, 400)], 900));
    log.add(poll([cycle(200, 250, 'minor')], 800));
    expect(log.record().cycles.map((c) => c.end_unix_ns)).toEqual([T + 250 * MS, T + 400 * MS]);
  });

  it('keeps the newest completeness time and the cycle running then', () => {
    const log = new CycleLog();
    log.add(poll([], 1900, 1500));
    log.add(poll([], 900, 800)); // an older answer arriving late
    expect(log.record()).toMatchObject({ until_unix_ns: T + 1900 * MS, in_progress: { start_unix_ns: T + 1500 * MS, kind: 'major' } });
  });

  it('clears the running cycle once a later poll has none', () => {
    const log = new CycleLog();
    log.add(poll([], 900, 800));
    log.add(poll([cycle(800, 1200)], 1900));
    expect(log.record()).toMatchObject({ until_unix_ns: T + 1900 * MS, in_progress: null });
  });

  it('tells a processor that never reported cycles from one that had none', () => {
    const old = new CycleLog();
    old.add(poll(undefined, null));
    const none = new CycleLog();
    none.add(poll([], null));
    expect(old.record()).toEqual({ reported: false, cycles: [], until_unix_ns: null, in_progress: null });
    expect(none.record().reported).toBe(true);
  });

  it('fills what a processor left out with null and no phases', () => {
    const log = new CycleLog();
    log.add(poll([{ start_unix_ns: T, end_unix_ns: T + MS, kind: 'minor' }], 10));
    expect(log.record().cycles).toEqual([{ start_unix_ns: T, end_unix_ns: T + MS, kind: 'minor', stw_ns: null, cpu_ns: null, phases: [] }]);
  });
});
