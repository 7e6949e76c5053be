// A run's manifest says `running` from its start until the harness writes the final one. When
// the harness is killed (kill -9, a crash of the machine) that never happens, so readers decide
// from the run's owner (which process on which boot of which host wrote it) whether a `running`
// run is still going or was abandoned.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { RunManifest, RunOwner, RunStatus } from './schema.ts';

/** A run with no owner (written before owners were recorded) or from another host is taken as abandoned after this long. */
export const UNVERIFIABLE_RUNNING_MS = 24 * 3_600_000;

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot; tells a reused pid apart. */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** The owner to record in a manifest written by this process. */
export function currentOwner(): RunOwner {
  return { hostname: os.hostname(), boot_id: bootId(), pid: process.pid, pid_start_ticks: processStartTicks(process.pid) ?? null };
}

export interface Machine {
  hostname: string;
  boot_id: string;
  /** The start ticks of a live pid, undefined when no such process. */
  startTicks(pid: number): number | undefined;
  now_ms: number;
}

export function thisMachine(): Machine {
  return { hostname: os.hostname(), boot_id: bootId(), startTicks: processStartTicks, now_ms: Date.now() };
}

/** `running` only while the process that wrote the manifest lives; otherwise `abandoned`. */
export function effectiveStatus(m: Pick<RunManifest, 'status' | 'started_at'> & { owner?: RunOwner | null | undefined }, here: Machine = thisMachine()): RunStatus {
  if (m.status !== 'running') return m.status;
  const owner = m.owner;
  const age_ms = here.now_ms - Date.parse(m.started_at);
  if (!owner || owner.hostname !== here.hostname) return age_ms > UNVERIFIABLE_RUNNING_MS ? 'abandoned' : 'running';
  // Same host, another boot: the machine restarted since, so the process is gone.
  if (owner.boot_id !== here.boot_id) return 'abandoned';
  const ticks = here.startTicks(owner.pid);
  if (ticks === undefined) return 'abandoned';
  return owner.pid_start_ticks === null || ticks === owner.pid_start_ticks ? 'running' : 'abandoned';
}
