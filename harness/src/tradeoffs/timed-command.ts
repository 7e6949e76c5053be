// Runs one manifest command for `harness tradeoffs`, timed: wall time, and the CPU time of the
// command and everything it ran, read from this process's own cutime/cstime (the kernel adds a
// child's CPU time, its descendants' included, when the child is waited for). Nothing else is
// started by the harness while a build is timed, so the difference is the build's.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { clockTicks } from '../sample/proc.ts';

export interface TimedOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started (not on PATH). */
  spawn_error?: string;
  wall_s: number;
  cpu_s: number;
  /** The last few KiB of its output. */
  tail: string;
}

const TAIL_CHARS = 4000;

/** utime+stime of waited-for children, in seconds, from /proc/self/stat. */
export function childrenCpuSeconds(stat: string = readFileSync('/proc/self/stat', 'utf8')): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", index 0 is field 3 (state); cutime is field 16, cstime field 17.
  return (Number(fields[13]) + Number(fields[14])) / clockTicks();
}

export function runTimed(command: readonly string[], cwd: string, env: NodeJS.ProcessEnv, logPath: string): Promise<TimedOutcome> {
  const [program, ...args] = command;
  const log = createWriteStream(logPath, { flags: 'a' });
  log.write(`$ (cd ${cwd} && ${command.join(' ')})\n`);
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  return new Promise((resolveOutcome) => {
    let tail = '';
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    };
    const child = spawn(program!, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let spawnError: string | undefined;
    child.on('error', (err) => {
      spawnError = err.message;
    });
    child.on('close', (code, signal) => {
      const wall_s = (performance.now() - started) / 1000;
      const cpu_s = Math.max(0, childrenCpuSeconds() - cpuBefore);
      const trailer = spawnError ? `could not start: ${spawnError}\n` : `exit code ${code ?? 'none'}${signal ? `, signal ${signal}` : ''}, ${wall_s.toFixed(2)} s wall, ${cpu_s.toFixed(2)} s CPU\n`;
      log.end(trailer, () => resolveOutcome({ code, signal, ...(spawnError ? { spawn_error: spawnError } : {}), wall_s, cpu_s, tail: spawnError ? trailer : tail }));
    });
  });
}

/** One line for a failed command: how it ended and the last line it printed. */
export function describeFailure(command: readonly string[], outcome: TimedOutcome): string {
  if (outcome.spawn_error) return `"${command[0]}" could not be started (${outcome.spawn_error}): install it or put it on PATH`;
  const how = outcome.code === null ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
  const last = outcome.tail.trim().split('\n').at(-1)?.trim();
  return `"${command.join(' ')}" ${how}${last ? `: ${last.slice(0, 300)}` : ''}`;
}
