// One search step for real: the driver against trivial-server while the stall recorder watches
// the driver's CPU; the step carries both the driver's figures and the platform's.
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrivialServer, type TrivialServer } from '../drive/trivial-server.ts';
import { measureStep } from './max-rate-step.ts';

let server: TrivialServer;
beforeAll(async () => {
  server = await startTrivialServer({ cpus: '0' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('measureStep', () => {
  it('measures the driver at a rate with the stall recorder on its CPU', async () => {
    const step = await measureStep({ port: server.port, rate_per_s: 1000, warmup_s: 0.1, measure_s: 0.3, connections: 4, cpus: String(os.availableParallelism() - 1), realtime: false });
    expect(step.rate_per_s).toBe(1000);
    expect(step.achieved_send_per_s).toBeGreaterThan(0);
    expect(step.platform.recorder_realtime).toBe(process.getuid?.() === 0);
    expect(step.platform.stalled_sends).toBeLessThanOrEqual(400);
  }, 120_000);
});
