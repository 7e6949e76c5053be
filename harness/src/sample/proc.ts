// Memory and CPU of a process from /proc, as the kernel sees them: RSS (VmRSS), peak RSS
// (VmHWM) and user + system CPU time. Reading these costs the processor nothing.
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';

export interface ProcReading {
  rss_bytes: number;
  peak_rss_bytes: number;
  cpu_s: number;
}

let ticksPerSecond: number | undefined;
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100; // Linux's USER_HZ on every architecture we run on
    }
  }
  return ticksPerSecond;
}

export function parseStatusKb(status: string, field: string): number | undefined {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  return m ? Number(m[1]) * 1024 : undefined;
}

/** utime + stime from /proc/<pid>/stat; the command name may contain spaces and parentheses. */
export function parseStatCpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) is index 0; utime is field 14, stime field 15.
  return Number(fields[11]) + Number(fields[12]);
}

/** undefined when the process is gone. */
export async function readProc(pid: number): Promise<ProcReading | undefined> {
  try {
    const [status, stat] = await Promise.all([
      readFile(`/proc/${pid}/status`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    return {
      rss_bytes: parseStatusKb(status, 'VmRSS') ?? 0,
      peak_rss_bytes: parseStatusKb(status, 'VmHWM') ?? 0,
      cpu_s: parseStatCpuTicks(stat) / clockTicks(),
    };
  } catch {
    return undefined;
  }
}
