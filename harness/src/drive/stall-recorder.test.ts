// The real stall recorder, briefly: it watches the CPUs it is given, stops when asked, and its
// output passes the schema; its priority sits above the driver's; a bad CPU is a user error.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors/user-error.ts';
import { REALTIME_PRIORITY } from './pin.ts';
import { startStallRecorder } from './stall-recorder.ts';

const cpus = os.availableParallelism() > 1 ? [0, 1] : [0];
const isRoot = process.getuid?.() === 0;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startStallRecorder', () => {
  it('watches every CPU it is given and returns a validated recording on stop', async () => {
    const recorder = await startStallRecorder(cpus, { period_us: 500, threshold_us: 200 });
    await pause(100);
    const r = await recorder.stop();
    expect(r.cpus.map((c) => c.cpu)).toEqual(cpus);
    expect(r.period_us).toBe(500);
    expect(r.stopped_by).toBe('stdin closed');
    for (const c of r.cpus) expect(c.wakeups).toBeGreaterThan(0);
    for (const s of r.stalls) expect(cpus).toContain(s.cpu);
  }, 120_000);

  it('returns the same recording to every stop call', async () => {
    const recorder = await startStallRecorder([0]);
    const [a, b] = await Promise.all([recorder.stop(), recorder.stop()]);
    expect(a).toBe(b);
  }, 120_000);

  it('runs above the driver when it may use real-time priority', async (ctx) => {
    if (!isRoot) ctx.skip('needs root: SCHED_FIFO');
    const r = await (await startStallRecorder([0])).stop();
    expect(r.scheduling.policy).toBe('fifo');
    expect(r.scheduling.priority).toBeGreaterThan(REALTIME_PRIORITY);
  }, 120_000);

  it('says so when it runs at normal priority', async () => {
    const r = await (await startStallRecorder([0], { realtime: false })).stop();
    expect(r.scheduling).toEqual({ policy: 'normal', priority: 0, realtime: false, reason: '--no-realtime' });
  }, 120_000);

  it('reports a CPU that does not exist as a user error naming it', async () => {
    const err = await startStallRecorder([1000]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/cpu 1000/);
  }, 120_000);

  it('refuses a threshold that is not below the period before starting anything', async () => {
    await expect(startStallRecorder([0], { period_us: 100, threshold_us: 100 })).rejects.toThrow(/threshold-us/);
  }, 120_000);
});
