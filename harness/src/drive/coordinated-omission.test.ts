// The coordinated-omission proof (measurement.md): freeze the server for 200 ms during an
// open-loop run at 1000 req/s. An honest driver keeps sending on schedule, so about
// rate × stall requests show the stall in their corrected latency, and the max is ≥ the stall.
// A closed-loop view (uncorrected: from the actual send) shows only the few requests in flight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyHistograms, histogramsFromRecords, percentiles } from '../record/histogram.ts';
import { runOpenLoop } from './open-loop.ts';
import { hasResponse } from './records.ts';
import { startTrivialServer, type TrivialServer } from './trivial-server.ts';

const RATE_PER_S = 1000;
const STALL_MS = 200;
const CONNECTIONS = 8;
// A request "shows the stall" when its latency is above a tenth of the stall: far above the
// sub-millisecond normal level on loopback, and it loses only the last 20 ms of the stall.
const STALLED_ABOVE_US = (STALL_MS * 1000) / 10;

let server: TrivialServer;

/** Wall-clock Unix ns: performance's origin is realtime, its progress monotonic (sub-µs steps). */
function wallNowNs(): bigint {
  return BigInt(Math.round(performance.timeOrigin * 1e3)) * 1000n + BigInt(Math.round(performance.now() * 1e6));
}

beforeAll(async () => {
  server = await startTrivialServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('open-loop driver against a server frozen for 200 ms', () => {
  it('records the stall in corrected latency for about rate × stall requests', async () => {
    const run = runOpenLoop({
      port: server.port,
      pool: [{ method: 'GET', path: '/health' }],
      schedule: { kind: 'constant', rate_per_s: RATE_PER_S },
      warmup_s: 0,
      measure_s: 3,
      connections: CONNECTIONS,
      timeout_ms: 10_000,
    });
    // Freeze in the middle of the 3 s schedule. The freeze is timed on the wall clock (a busy
    // machine may fire the resume timer late) and mapped onto the driver's clock through its
    // t0_unix_ns, which also checks the monotonic/realtime pairing other stages rely on.
    await new Promise((r) => setTimeout(r, 1200));
    const stopped_unix_ns = wallNowNs();
    process.kill(server.pid, 'SIGSTOP');
    await new Promise((r) => setTimeout(r, STALL_MS));
    process.kill(server.pid, 'SIGCONT');
    const resumed_unix_ns = wallNowNs();
    const { records, summary, t0_unix_ns } = await run;
    const stallStart_ns = Number(stopped_unix_ns - t0_unix_ns);
    const stallEnd_ns = Number(resumed_unix_ns - t0_unix_ns);
    const stall_s = (stallEnd_ns - stallStart_ns) / 1e9;

    expect(summary.counts.completed).toBe(summary.counts.scheduled);
    const { corrected, uncorrected } = histogramsFromRecords(records);
    const corr = percentiles(corrected);
    destroyHistograms({ corrected, uncorrected });
    // The first request scheduled after the freeze began is at most one interval (1/rate) into it,
    // so the largest corrected latency is the freeze less at most one interval (199.9 ms was seen).
    expect(corr.max_us).toBeGreaterThanOrEqual(STALL_MS * 1000 - 1e6 / RATE_PER_S);

    // Judge the requests scheduled during the freeze, so that noise elsewhere in the run (a
    // shared machine) cannot make the proof pass or fail.
    let inWindow = 0;
    let stalledCorrected = 0;
    let stalledUncorrected = 0;
    let stalledAnywhere = 0;
    for (let i = 0; i < records.count; i++) {
      if (!hasResponse(records, i)) continue;
      const corrected_us = (records.done_ns[i]! - records.intended_ns[i]!) / 1000;
      if (corrected_us > STALLED_ABOVE_US) stalledAnywhere++;
      const t = records.intended_ns[i]!;
      if (t < stallStart_ns || t > stallEnd_ns) continue;
      inWindow++;
      if (corrected_us > STALLED_ABOVE_US) stalledCorrected++;
      if ((records.done_ns[i]! - records.sent_ns[i]!) / 1000 > STALLED_ABOVE_US) stalledUncorrected++;
    }
    const expected = RATE_PER_S * stall_s;
    const detail = JSON.stringify({ stall_s, expected, inWindow, stalledCorrected, stalledUncorrected, stalledAnywhere });
    expect(stalledCorrected, detail).toBeGreaterThanOrEqual(0.75 * expected);
    expect(stalledCorrected, detail).toBeLessThanOrEqual(1.25 * expected);
    // Only the requests already on a connection when the server froze waited on the wire.
    expect(stalledUncorrected, detail).toBeLessThan(stalledCorrected / 2);
  });
});
