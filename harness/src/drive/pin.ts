// CPU pinning: the driver, the server and any reference tool each get their own core(s) so they
// do not steal time from each other (measurement.md, "Noise and fairness").

/** Validates a taskset CPU list such as "1", "0,1" or "2-3". */
export function checkCpuList(cpus: string): string {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(cpus)) throw new Error(`invalid CPU list ${JSON.stringify(cpus)} (expected e.g. "1" or "0-1")`);
  return cpus;
}

/** The command and arguments that run `command args` pinned to `cpus` (unpinned when undefined). */
export function pinned(cpus: string | undefined, command: string, args: readonly string[]): [string, string[]] {
  if (cpus === undefined) return [command, [...args]];
  return ['taskset', ['-c', checkCpuList(cpus), command, ...args]];
}
