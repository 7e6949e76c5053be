// Closed-loop throughput, beside the open-loop search: the native closed loop (the processor's
// ceiling when the open-loop driver ran out of core first; Rust on this machine) and autocannon,
// the cross-check many Node users know, labelled as such and flagged when its figure is
// autocannon's limit rather than the processor's.
import { runNativeClosedLoop } from '../drive/closed-loop-native.ts';
import { launchProcessor, type RunningProcessor } from '../launch/index.ts';
import { measureCapacityWithClient } from '../pipeline/capacity.ts';
import { launchOptions, type ProcessorState } from '../pipeline/pipeline.ts';
import { preload } from '../pipeline/preload.ts';
import type { Plan, ScenarioSpec } from '../plan/index.ts';
import { meanEventsPerRequest, type PoolRequest } from '../plan/requests.ts';
import type { AutocannonCrossCheck, NativeCeiling } from '../results/sweep-schema.ts';
import { readProc } from '../sample/index.ts';

/** A processor using this share of its THREADS budget is the limit; a client using this share of its core is. */
export const BUSY_SHARE = 0.9;
/** autocannon at this share of its core is its own limit (pipeline/capacity.ts notes the same). */
export const AUTOCANNON_SATURATED = 0.95;

export interface CeilingContext {
  plan: Plan;
  spec: ScenarioSpec;
  state: ProcessorState;
  pool: PoolRequest[];
  run_id: string;
  logDir: string;
  signal: AbortSignal;
  note: (line: string) => void;
}

export function limitedBy(processor_cpu: number | null, driver_cpu: number, threads: number): NativeCeiling['limited_by'] {
  if (processor_cpu !== null && processor_cpu >= BUSY_SHARE * threads) return 'processor';
  if (driver_cpu >= BUSY_SHARE) return 'driver';
  return 'unclear';
}

export async function nativeCeiling(c: CeilingContext, duration_s: number, connections: number): Promise<NativeCeiling> {
  let proc: RunningProcessor | undefined;
  try {
    proc = await launchProcessor(c.state.manifest, launchOptions(c.plan, c.logDir, c.state.manifest.name));
    await preload(proc.baseUrl, c.spec, c.signal);
    const before = await readProc(proc.pid);
    const warmup_s = Math.min(1, c.plan.warmup_s);
    const s = await runNativeClosedLoop({
      port: proc.port,
      pool: c.pool,
      connections,
      warmup_s,
      measure_s: Math.max(1, Math.round(duration_s)),
      ...(c.plan.pinning.enabled ? { cpus: c.plan.pinning.driver_cpus.join(',') } : {}),
    });
    const after = await readProc(proc.pid);
    const processor_cpu = before && after ? (after.cpu_s - before.cpu_s) / (warmup_s + s.target.measure_s) : null;
    const errors = s.counts.errors.connect + s.counts.errors.timeout + s.counts.errors.reset + s.counts.errors.parse + s.counts.non_2xx;
    return {
      tool: 'native-closed-loop',
      connections,
      duration_s: s.target.measure_s,
      requests_per_s: s.requests_per_s,
      events_per_s: s.requests_per_s * meanEventsPerRequest(c.pool),
      errors,
      latency_p50_us: s.latency_us.p50,
      latency_p99_us: s.latency_us.p99,
      driver_cpu_utilisation: s.cpu.utilisation,
      processor_cpu_utilisation: processor_cpu,
      limited_by: limitedBy(processor_cpu, s.cpu.utilisation, c.plan.threads),
    };
  } finally {
    await proc?.stop();
  }
}

export function autocannonFlags(client_cpu: number, processor_cpu: number, threads: number): string[] {
  const flags: string[] = [];
  if (client_cpu >= AUTOCANNON_SATURATED) flags.push(`autocannon used ${Math.round(client_cpu * 100)}% of its core: the figure is autocannon's limit, a lower bound of the processor's`);
  if (processor_cpu < BUSY_SHARE * threads) flags.push(`the processor used ${Math.round((processor_cpu / threads) * 100)}% of its ${threads}-core budget (< ${BUSY_SHARE * 100}%): it was waiting for the load tool`);
  return flags;
}

export async function autocannonCrossCheck(c: CeilingContext, duration_s: number): Promise<AutocannonCrossCheck | null> {
  const { capacity, client_cpu_utilisation } = await measureCapacityWithClient({ ...c.plan, capacity_s: duration_s }, c.spec, c.state.manifest, c.pool, c.run_id, c.logDir, c.signal, c.note);
  if (capacity.status !== 'ok' || client_cpu_utilisation === null) {
    c.note(`${c.spec.name}/${c.state.manifest.name}: autocannon cross-check failed: ${capacity.failure?.message ?? 'no result'}`);
    return null;
  }
  return {
    tool: 'autocannon',
    connections: capacity.connections,
    duration_s: capacity.duration_s,
    requests_per_s: capacity.requests_per_s,
    events_per_s: capacity.events_per_s,
    errors: capacity.errors,
    client_cpu_utilisation,
    processor_cpu_utilisation: capacity.cpu_utilisation,
    flags: autocannonFlags(client_cpu_utilisation, capacity.cpu_utilisation, c.plan.threads),
  };
}
