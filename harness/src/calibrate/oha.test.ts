import { describe, expect, it } from 'vitest';
import { ohaArgs, parseOhaJson } from './oha.ts';

describe('parseOhaJson', () => {
  it('converts oha seconds to integer microseconds and sums responses and errors', () => {
    const r = parseOhaJson(JSON.stringify({
      summary: { successRate: 1, total: 10.0, slowest: 0.0123456, fastest: 0.00002, average: 0.0001, requestsPerSec: 4999.5 },
      latencyPercentiles: { p10: 0.00003, p50: 0.0000815, p90: 0.0001, p99: 0.0004019, 'p99.9': 0.002, 'p99.99': 0.01 },
      statusCodeDistribution: { '200': 49990, '404': 5 },
      errorDistribution: { 'connection closed': 2 },
    }));
    expect(r).toEqual({ p50_us: 81, p90_us: 100, p99_us: 401, p99_9_us: 2000, max_us: 12345, achieved_per_s: 4999.5, responses: 49995, errors: 2 });
  });
});

describe('ohaArgs', () => {
  it('asks for an open-loop run with latency correction', () => {
    const a = ohaArgs({ url: 'http://127.0.0.1:1/', rate_per_s: 5000, duration_s: 10, connections: 32 });
    expect(a).toEqual(expect.arrayContaining(['-q', '5000', '--latency-correction', '-z', '10s', '-c', '32']));
  });
});
