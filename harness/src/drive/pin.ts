// CPU pinning: the driver, the server and any reference tool each get their own core(s) so they
// do not steal time from each other (measurement.md, "Noise and fairness").

/** Validates a taskset CPU list such as "1", "0,1" or "2-3". */
export function checkCpuList(cpus: string): string {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(cpus)) throw new Error(`invalid CPU list ${JSON.stringify(cpus)} (expected e.g. "1" or "0-1")`);
  return cpus;
}

/** The CPUs a taskset CPU list names, ascending and distinct: "0,2-3" → [0, 2, 3]. */
export function cpuNumbers(cpus: string): number[] {
  const out = new Set<number>();
  for (const part of checkCpuList(cpus).split(',')) {
    const [a, b = a] = part.split('-').map(Number) as [number, number?];
    if (b < a) throw new Error(`invalid CPU list ${JSON.stringify(cpus)} (range ${part} runs backwards)`);
    for (let c = a; c <= b; c++) out.add(c);
  }
  return [...out].sort((x, y) => x - y);
}

/**
 * Real-time FIFO priority for the load tool and the calibration server: on a shared machine
 * (other builds running) it keeps them from being descheduled for milliseconds. The kernel's RT
 * throttling (sched_rt_runtime_us) still leaves other tasks 5 % of each core. Needs root or
 * CAP_SYS_NICE.
 */
export const REALTIME_PRIORITY = 50;

/**
 * The command and arguments that run `command args` pinned to `cpus` (unpinned when undefined),
 * optionally at real-time priority.
 */
export function pinned(cpus: string | undefined, command: string, args: readonly string[], realtime = false): [string, string[]] {
  const inner: string[] = cpus === undefined ? [command, ...args] : ['taskset', '-c', checkCpuList(cpus), command, ...args];
  if (realtime) return ['chrt', ['-f', String(REALTIME_PRIORITY), ...inner]];
  return [inner[0]!, inner.slice(1)];
}
