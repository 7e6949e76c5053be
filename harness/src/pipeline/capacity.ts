// Closed-loop capacity: autocannon keeps N connections busy for a while against a fresh, preloaded
// processor; the throughput it sustains is the capacity. Only autocannon's request counts are
// used: its latency figures are whole milliseconds with a wrong coordinated-omission correction
// (see the README's methodology), and the open-loop driver owns latency.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import autocannon from 'autocannon';
import { launchProcessor, type RunningProcessor } from '../launch/index.ts';
import type { Plan, ScenarioSpec } from '../plan/index.ts';
import type { PoolRequest } from '../plan/requests.ts';
import { meanEventsPerRequest } from '../plan/requests.ts';
import type { ProcessorManifest } from '../processors/index.ts';
import { RESULT_SCHEMA_VERSION, type Capacity } from '../results/schema.ts';
import { readProc } from '../sample/index.ts';
import { preload } from './preload.ts';

/** Pins this (the harness) process, all its threads, to cpus; autocannon runs in it. */
function pinSelf(cpus: number[]): void {
  try {
    execFileSync('taskset', ['-a', '-pc', cpus.join(','), String(process.pid)], { stdio: 'ignore' });
  } catch {
    // Without taskset the measurement still runs, unpinned; provenance says what was planned.
  }
}

export async function measureCapacity(
  plan: Plan,
  spec: ScenarioSpec,
  manifest: ProcessorManifest,
  pool: PoolRequest[],
  run_id: string,
  logDir: string,
  signal: AbortSignal,
): Promise<Capacity> {
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
    if (plan.pinning.enabled) pinSelf(plan.pinning.driver_cpus);
    const before = await readProc(proc.pid);
    let stop = () => {};
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: proc!.baseUrl,
          connections: spec.capacity.connections,
          duration: plan.capacity_s,
          requests: pool.map((r) => ({
            method: r.method,
            path: r.path,
            ...(r.content_type ? { headers: { 'content-type': r.content_type } } : {}),
            ...(r.body.length ? { body: r.body } : {}),
          })),
        },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
      stop = () => instance.stop();
    });
    signal.addEventListener('abort', stop, { once: true });
    const result = await finished.finally(() => signal.removeEventListener('abort', stop));
    const after = await readProc(proc.pid);
    const elapsed_s = result.duration > 0 ? result.duration : plan.capacity_s;
    // 2xx only: a processor answering errors fast is not processing events.
    const ok = result['2xx'];
    const requests_per_s = ok / elapsed_s;
    return {
      ...base,
      status: 'ok',
      failure: null,
      duration_s: elapsed_s,
      requests_per_s,
      events_per_s: requests_per_s * meanEventsPerRequest(pool),
      errors: result.errors + result.timeouts + result.non2xx,
      cpu_utilisation: before && after ? (after.cpu_s - before.cpu_s) / elapsed_s : 0,
    };
  } catch (err) {
    return {
      ...base,
      status: 'failed',
      failure: { stage: 'capacity', message: err instanceof Error ? err.message : String(err), stderr_tail: proc?.stderrTail().slice(-2000) ?? '' },
      requests_per_s: 0,
      events_per_s: 0,
      errors: 0,
      cpu_utilisation: 0,
    };
  } finally {
    if (plan.pinning.enabled) pinSelf(Array.from({ length: os.availableParallelism() }, (_, i) => i));
    await proc?.stop();
  }
}
