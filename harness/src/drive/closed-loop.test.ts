import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClosedLoop } from './closed-loop.ts';
import { startTrivialServer, type TrivialServer } from './trivial-server.ts';

let server: TrivialServer;

beforeAll(async () => {
  server = await startTrivialServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('runClosedLoop', () => {
  it('reports autocannon throughput and scales it to events per second', async () => {
    const r = await runClosedLoop({
      port: server.port,
      pool: [{ method: 'POST', path: '/v1/events', content_type: 'application/json', body: '[{"k":1},{"k":2}]' }],
      connections: 4,
      duration_s: 1,
      events_per_request: 2,
    });
    expect(r.tool).toBe('autocannon');
    expect(r.requests_total).toBeGreaterThan(0);
    expect(r.status_2xx).toBe(r.requests_total);
    expect(r.errors).toBe(0);
    expect(r.events_per_s).toBeCloseTo(r.requests_per_s * 2, 6);
  });
});
