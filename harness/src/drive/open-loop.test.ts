// The driver end to end against trivial-server: intended times follow the schedule exactly
// (they are computed, not measured), phases and kinds are labelled, every request is answered.
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../errors/user-error.ts';
import { runOpenLoop } from './open-loop.ts';
import { Phase } from './records.ts';
import { intendedTimesNs } from './schedule.ts';
import { startTrivialServer, type TrivialServer } from './trivial-server.ts';

let server: TrivialServer;

beforeAll(async () => {
  server = await startTrivialServer();
});

afterAll(async () => {
  await server?.stop();
});

const pool = [
  { method: 'GET', path: '/health', kind: 0 },
  { method: 'POST', path: '/v1/events', content_type: 'application/json', body: '{"key":"a","value":1}', kind: 7 },
];

describe('runOpenLoop', () => {
  it('sends on a constant schedule with exact intended times and phase labels', async () => {
    const { records, summary } = await runOpenLoop({
      port: server.port, pool, schedule: { kind: 'constant', rate_per_s: 2000 }, warmup_s: 0.25, measure_s: 0.5, connections: 4,
    });
    expect([...records.intended_ns]).toEqual([...intendedTimesNs({ kind: 'constant', rate_per_s: 2000 }, 0.25, 0.5)]);
    expect(records.count).toBe(1500);
    expect(records.intended_ns[1]).toBe(500_000);
    expect(summary.counts.warmup).toBe(500);
    expect(records.phase[499]).toBe(Phase.warmup);
    expect(records.phase[500]).toBe(Phase.measure);
    expect(summary.counts.ok_2xx).toBe(1500);
  });

  it('follows a ramp: intended times match the schedule and intervals shrink', async () => {
    const schedule = { kind: 'ramp', from_per_s: 500, to_per_s: 3000 } as const;
    const { records } = await runOpenLoop({ port: server.port, pool, schedule, warmup_s: 0.2, measure_s: 1, connections: 4 });
    const expected = intendedTimesNs(schedule, 0.2, 1);
    expect([...records.intended_ns]).toEqual([...expected]);
    // 0.2 s × 500 + (500 + 3000) / 2 × 1 s = 1850 requests.
    expect(Math.abs(records.count - 1850)).toBeLessThanOrEqual(1);
    const n = records.count;
    expect(records.intended_ns[1]! - records.intended_ns[0]!).toBe(2_000_000);
    expect(records.intended_ns[n - 1]! - records.intended_ns[n - 2]!).toBeLessThan(400_000);
  });

  it('cycles the pool: request i carries pool entry i mod n', async () => {
    const { records } = await runOpenLoop({
      port: server.port, pool, schedule: { kind: 'constant', rate_per_s: 1000 }, warmup_s: 0, measure_s: 0.1, connections: 2,
    });
    expect([...records.kind.subarray(0, 4)]).toEqual([0, 7, 0, 7]);
  });

  it('reports an unreachable target as a user error', async () => {
    const closed = await startTrivialServer();
    const port = closed.port;
    await closed.stop();
    await expect(runOpenLoop({ port, pool, schedule: { kind: 'constant', rate_per_s: 10 }, warmup_s: 0, measure_s: 0.1, connections: 1 })).rejects.toBeInstanceOf(UserError);
  });

  it('rejects an invalid rate with the driver message', async () => {
    await expect(runOpenLoop({ port: server.port, pool, schedule: { kind: 'constant', rate_per_s: 0 }, warmup_s: 0, measure_s: 1, connections: 1 })).rejects.toThrow(/rate_per_s must be > 0/);
  });
});

describe('runOpenLoop keep-awake', () => {
  const lastCpu = String(os.availableParallelism() - 1);
  const short = { pool, schedule: { kind: 'constant', rate_per_s: 1000 }, warmup_s: 0, measure_s: 0.2, connections: 2 } as const;

  it('is on when the driver is pinned to one CPU, and its CPU time is reported apart', async () => {
    const { summary } = await runOpenLoop({ ...short, port: server.port, cpus: lastCpu });
    expect(summary.scheduler.keep_awake).toBe(true);
    expect(summary.scheduler.threads).toBe(2);
    expect(summary.health.keep_awake_cpu_s).toBeGreaterThan(0);
  });

  it('is off when the driver is not pinned', async () => {
    const { summary } = await runOpenLoop({ ...short, port: server.port });
    expect(summary.scheduler.keep_awake).toBe(false);
    expect(summary.health.keep_awake_cpu_s).toBe(0);
  });

  it('refuses to keep awake a driver that may run on several CPUs', async () => {
    await expect(runOpenLoop({ ...short, port: server.port, keep_awake: true })).rejects.toThrow(/exactly one CPU/);
  });
});

describe('runOpenLoop with a live control', () => {
  const long = { pool, schedule: { kind: 'constant', rate_per_s: 1000 }, warmup_s: 0.2, connections: 4 } as const;

  it('stops its schedule when the check says so and reports the measure phase as run', async () => {
    const { records, summary, control } = await runOpenLoop({
      ...long, port: server.port, measure_s: 60,
      control: { every_s: 0.25, check: (s) => s.measuredS() >= 0.5 },
    });
    expect(summary.stopped_by).toBe('control');
    expect(control).toMatchObject({ stopped: true, error: null });
    expect(summary.measured_s).toBeGreaterThanOrEqual(0.5);
    expect(summary.measured_s).toBeLessThan(60);
    // The phase as run and the requests in it describe the same span, every one of them answered.
    expect(records.count).toBe(Math.round((0.2 + summary.measured_s) * 1000));
    expect(summary.counts.ok_2xx).toBe(records.count);
  });

  it('hands the check the records streamed so far, in schedule order', async () => {
    let answered = 0;
    await runOpenLoop({
      ...long, port: server.port, measure_s: 60,
      control: {
        every_s: 0.25,
        check: (s) => {
          const v = s.view();
          answered = v.status.filter((x) => x === 200).length;
          return s.measuredS() >= 0.3;
        },
      },
    });
    expect(answered).toBeGreaterThan(0);
  });

  it('runs to the end of its schedule when the check never says stop', async () => {
    const { summary, control } = await runOpenLoop({ ...long, port: server.port, measure_s: 0.6, control: { every_s: 0.2, check: () => false } });
    expect(summary.stopped_by).toBe('schedule');
    expect(summary.measured_s).toBeCloseTo(0.6, 9);
    expect(control!.checks).toBeGreaterThan(0);
  });

  it('lets a check that throws stop nothing, and keeps its error', async () => {
    const { summary, control } = await runOpenLoop({
      ...long, port: server.port, measure_s: 0.6,
      control: { every_s: 0.2, check: () => { throw new Error('broken check'); } },
    });
    expect(summary.stopped_by).toBe('schedule');
    expect(control!.error).toBe('broken check');
  });
});
