// Closed-loop capacity: autocannon (in its own pinned process) keeps N connections busy for a while against a fresh, preloaded
// processor; the throughput it sustains is the capacity. Only autocannon's request counts are
// used: its latency figures are whole milliseconds with a wrong coordinated-omission correction
// (see the README's methodology), and the open-loop driver owns latency.
import { runClosedLoop } from '../drive/closed-loop.ts';
import { launchProcessor, type RunningProcessor } from '../launch/index.ts';
import type { Plan, ScenarioSpec } from '../plan/index.ts';
import type { PoolRequest } from '../plan/requests.ts';
import { meanEventsPerRequest } from '../plan/requests.ts';
import type { ProcessorManifest } from '../processors/index.ts';
import { RESULT_SCHEMA_VERSION, type Capacity } from '../results/schema.ts';
import { readProc } from '../sample/index.ts';
import { preload } from './preload.ts';

/** The capacity, with autocannon's own CPU (share of its core; null when it did not run), which a cross-check flags. */
export async function measureCapacityWithClient(
  plan: Plan,
  spec: ScenarioSpec,
  manifest: ProcessorManifest,
  pool: PoolRequest[],
  run_id: string,
  logDir: string,
  signal: AbortSignal,
  note: (line: string) => void,
): Promise<{ capacity: Capacity; client_cpu_utilisation: number | null }> {
  const base: Pick<Capacity, 'schema_version' | 'run_id' | 'scenario' | 'processor' | 'tool' | 'connections' | 'duration_s'> = {
    schema_version: RESULT_SCHEMA_VERSION,
    run_id,
    scenario: spec.name,
    processor: manifest.name,
    tool: 'autocannon',
    connections: spec.capacity.connections,
    duration_s: plan.capacity_s,
  };
  let proc: RunningProcessor | undefined;
  try {
    proc = await launchProcessor(manifest, {
      threads: plan.threads,
      ...(plan.pinning.enabled ? { cpus: plan.pinning.processor_cpus } : {}),
      env: plan.inject[manifest.name] ?? {},
      logDir,
    });
    await preload(proc.baseUrl, spec, signal);
    const before = await readProc(proc.pid);
    const c = await runClosedLoop({
      port: proc.port,
      pool,
      connections: spec.capacity.connections,
      duration_s: plan.capacity_s,
      events_per_request: meanEventsPerRequest(pool),
      ...(plan.pinning.enabled ? { cpus: plan.pinning.driver_cpus.join(',') } : {}),
    });
    const after = await readProc(proc.pid);
    if (c.client_cpu_utilisation > 0.95) {
      // autocannon saturated its own core: the figure is a lower bound of the processor's capacity.
      note(`${spec.name}/${manifest.name}: autocannon used ${(c.client_cpu_utilisation * 100).toFixed(0)}% of its core; capacity is a lower bound`);
    }
    // 2xx only: a processor answering errors fast is not processing events.
    const requests_per_s = c.status_2xx / c.duration_s;
    const capacity: Capacity = {
      ...base,
      status: 'ok',
      failure: null,
      duration_s: c.duration_s,
      requests_per_s,
      events_per_s: requests_per_s * c.events_per_request,
      errors: c.errors + c.timeouts + c.non_2xx,
      cpu_utilisation: before && after ? (after.cpu_s - before.cpu_s) / c.duration_s : 0,
    };
    return { capacity, client_cpu_utilisation: c.client_cpu_utilisation };
  } catch (err) {
    const capacity: Capacity = {
      ...base,
      status: 'failed',
      failure: { stage: 'capacity', message: err instanceof Error ? err.message : String(err), stderr_tail: proc?.stderrTail().slice(-2000) ?? '' },
      requests_per_s: 0,
      events_per_s: 0,
      errors: 0,
      cpu_utilisation: 0,
    };
    return { capacity, client_cpu_utilisation: null };
  } finally {
    await proc?.stop();
  }
}
