// Instructions retired by the processor, from `perf stat -e instructions -I 100 -p <pid>`: a
// count every 100 ms on the sampler's wall clock, so the record stage can take exactly the measure
// phase. Instruction counts are what rustc-perf and SQLite gate on, because time on a shared
// machine is "scarcely repeatable beyond one significant digit". They need hardware counters:
// on a VM without them (this project's machine, GitHub's runners) perf answers <not supported>,
// and the result says so rather than recording a zero.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export type PerfSupport = { supported: true } | { supported: false; reason: string };

/** One `-I` line: the count over the interval that ended `end_s` after perf started. */
export interface CountInterval {
  end_s: number;
  count: number;
}

export type InstructionRecord =
  | { status: 'counted'; start_unix_ms: number; intervals: CountInterval[] }
  | { status: 'not-supported'; reason: string };

const NOT_SUPPORTED = 'perf stat -e instructions: <not supported> (no hardware counters here, as on most VMs)';

/** What a probe run (`perf stat -e instructions -x, true`) says about this machine. */
export function parsePerfProbe(result: { error?: NodeJS.ErrnoException | undefined; status: number | null; stderr: string }): PerfSupport {
  if (result.error?.code === 'ENOENT') return { supported: false, reason: 'perf not installed (Debian package linux-perf)' };
  if (result.error) return { supported: false, reason: `perf could not run: ${result.error.message}` };
  const line = result.stderr.split('\n').find((l) => l.includes('instructions'));
  if (!line) return { supported: false, reason: `perf stat printed no instruction count (exit ${result.status}): ${result.stderr.trim().split('\n').pop() ?? ''}`.trim() };
  const value = line.split(',')[0]!.trim();
  if (value === '<not supported>') return { supported: false, reason: NOT_SUPPORTED };
  if (value === '<not counted>' || !/^\d+$/.test(value)) return { supported: false, reason: `perf stat -e instructions: ${value} (counter not available to this user: see /proc/sys/kernel/perf_event_paranoid)` };
  return { supported: true };
}

let probed: PerfSupport | undefined;

/** Probed once per harness process (a few milliseconds). */
export function perfSupport(): PerfSupport {
  if (!probed) {
    const r = spawnSync('perf', ['stat', '-e', 'instructions', '-x', ',', 'true'], { encoding: 'utf8', timeout: 10_000 });
    probed = parsePerfProbe({ error: r.error as NodeJS.ErrnoException | undefined, status: r.status, stderr: r.stderr ?? '' });
  }
  return probed;
}

/** Parses `perf stat -I <ms> -x,` output: "time,count,unit,event,…" per line; other lines are skipped. */
export function parsePerfIntervals(text: string): CountInterval[] | { unsupported: string } {
  const out: CountInterval[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(',');
    // "instructions", or "instructions:u" where perf_event_paranoid limits counting to user space.
    if (f.length < 4 || !f[3]?.trim().startsWith('instructions')) continue;
    const end_s = Number(f[0]);
    const raw = f[1]!.trim();
    if (raw === '<not supported>') return { unsupported: NOT_SUPPORTED };
    // <not counted>: the task was not running during the interval; it retired nothing.
    const count = raw === '<not counted>' ? 0 : Number(raw);
    if (Number.isFinite(end_s) && Number.isFinite(count)) out.push({ end_s, count });
  }
  return out;
}

/**
 * Instructions between two wall-clock times, taking the share of each interval that overlaps
 * the window (the counts are spread evenly within one 100 ms interval), or null when the
 * intervals do not cover the window.
 */
export function instructionsBetween(rec: Extract<InstructionRecord, { status: 'counted' }>, from_unix_ms: number, to_unix_ms: number): number | null {
  let total = 0;
  let prev_ms = rec.start_unix_ms;
  let covered_to = -Infinity;
  for (const iv of rec.intervals) {
    const end_ms = rec.start_unix_ms + iv.end_s * 1000;
    const lo = Math.max(prev_ms, from_unix_ms);
    const hi = Math.min(end_ms, to_unix_ms);
    if (hi > lo && end_ms > prev_ms) total += (iv.count * (hi - lo)) / (end_ms - prev_ms);
    covered_to = end_ms;
    prev_ms = end_ms;
  }
  if (rec.start_unix_ms > from_unix_ms || covered_to < to_unix_ms) return null;
  return total;
}

export interface InstructionCounter {
  stop(): Promise<InstructionRecord>;
}

/** Starts counting the process's instructions (or records why it cannot). */
export function startInstructionCounter(pid: number, support: PerfSupport = perfSupport()): InstructionCounter {
  if (!support.supported) return { stop: async () => ({ status: 'not-supported', reason: support.reason }) };
  const start_unix_ms = Date.now();
  let child: ChildProcess;
  let text = '';
  let failure: string | undefined;
  try {
    child = spawn('perf', ['stat', '-e', 'instructions', '-I', '100', '-x', ',', '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    return { stop: async () => ({ status: 'not-supported', reason: `perf could not start: ${(err as Error).message}` }) };
  }
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (text += chunk));
  child.on('error', (err) => (failure = `perf could not start: ${err.message}`));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    async stop() {
      // SIGINT makes perf print its last interval and exit; the process may already be gone.
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
      if (failure) return { status: 'not-supported', reason: failure };
      const parsed = parsePerfIntervals(text);
      if (!Array.isArray(parsed)) return { status: 'not-supported', reason: parsed.unsupported };
      if (parsed.length === 0) return { status: 'not-supported', reason: `perf stat -p ${pid} printed no interval: ${text.trim().split('\n').pop() ?? ''}`.trim() };
      return { status: 'counted', start_unix_ms, intervals: parsed };
    },
  };
}
