// The driver's floor on this machine right now: the same driver, pinned the same way, against a
// trivial native server. Latency differences between processors smaller than this floor are
// the machine's and the driver's, not the processors'.
import { runOpenLoop } from '../drive/open-loop.ts';
import { startTrivialServer } from '../drive/trivial-server.ts';
import type { Plan } from '../plan/index.ts';
import { destroyHistograms, histogramsFromRecords } from '../record/histogram.ts';
import { toPercentiles } from '../record/percentiles.ts';
import type { Noise } from '../results/schema.ts';

export const FLOOR_RATE_PER_S = 5000;
const FLOOR_MEASURE_S = 2;

export async function measureNoise(plan: Plan): Promise<Noise> {
  const server = await startTrivialServer(plan.pinning.enabled ? { cpus: plan.pinning.processor_cpus.join(',') } : {});
  try {
    const result = await runOpenLoop({
      port: server.port,
      pool: [{ method: 'GET', path: '/noise' }],
      schedule: { kind: 'constant', rate_per_s: FLOOR_RATE_PER_S },
      warmup_s: 0.5,
      measure_s: FLOOR_MEASURE_S,
      connections: 16,
      ...(plan.pinning.enabled ? { cpus: plan.pinning.driver_cpus.join(',') } : {}),
    });
    const h = histogramsFromRecords(result.records, { phase: 'measure' });
    try {
      const p = toPercentiles(h.corrected);
      return {
        driver_floor: { rate_per_s: FLOOR_RATE_PER_S, p50_us: p.p50_us, p99_us: p.p99_us, max_us: p.max_us },
        cpu_jitter_p99_us: result.summary.health.schedule_lag_us.p99,
      };
    } finally {
      destroyHistograms(h);
    }
  } finally {
    await server.stop();
  }
}
