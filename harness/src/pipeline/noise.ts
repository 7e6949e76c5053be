// The driver's floor on this machine right now: the same driver, pinned and prioritised the same
// way as in the measurements, against a trivial native server running like the processors do.
// Latency differences between processors smaller than this floor are the machine's and the
// driver's, not the processors'.
import { measureDriverFloor } from '../calibrate/floor.ts';
import type { Plan } from '../plan/index.ts';
import type { Noise } from '../results/schema.ts';

export async function measureNoise(plan: Plan): Promise<Noise> {
  const f = await measureDriverFloor({
    measure_s: 2,
    ...(plan.pinning.enabled ? { server_cpus: plan.pinning.processor_cpus.join(','), driver_cpus: plan.pinning.driver_cpus.join(',') } : {}),
    realtime: plan.pinning.driver_realtime,
    server_realtime: false,
  });
  return {
    driver_floor: { rate_per_s: f.rate_per_s, p50_us: f.p50_us, p99_us: f.p99_us, max_us: f.max_us },
    cpu_jitter_p99_us: f.schedule_lag_p99_us,
  };
}
