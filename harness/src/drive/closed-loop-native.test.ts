// The native closed loop against trivial-server: it completes requests, counts them per second,
// and its throughput agrees with its own counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNativeClosedLoop } from './closed-loop-native.ts';
import { startTrivialServer, type TrivialServer } from './trivial-server.ts';

let server: TrivialServer;
beforeAll(async () => {
  server = await startTrivialServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('runNativeClosedLoop', () => {
  it('keeps every connection busy and counts the 2xx responses of each measured second', async () => {
    const s = await runNativeClosedLoop({ port: server.port, pool: [{ method: 'GET', path: '/' }], connections: 4, warmup_s: 0.2, measure_s: 1 });
    expect(s.counts.ok_2xx).toBeGreaterThan(0);
    expect(s.counts.ok_2xx).toBe(s.ok_per_second.reduce((a, b) => a + b, 0));
    expect(s.requests_per_s).toBeCloseTo(s.counts.ok_2xx / 1, 6);
    expect(s.latency_us.count).toBe(s.counts.completed);
    expect(s.latency_us.p99).toBeGreaterThanOrEqual(s.latency_us.p50);
  });

  it('refuses a measured window shorter than one second in one line', async () => {
    await expect(runNativeClosedLoop({ port: server.port, pool: [{ method: 'GET', path: '/' }], connections: 1, warmup_s: 0, measure_s: 0.5 })).rejects.toThrow(/^closed-loop: bad config .*measure_s ≥ 1/);
  });
});
