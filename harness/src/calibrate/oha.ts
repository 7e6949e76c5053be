// oha (hatoo/oha) as the reference open-loop tool: `-q RATE --latency-correction` schedules
// requests at a fixed rate and measures from the scheduled time, like our driver.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runToCompletion } from '../drive/child-output.ts';
import { pinned } from '../drive/pin.ts';
import type { OpenLoopLatencyUs } from './types.ts';

export const OHA_INSTALL_HINT = 'install the reference tool with `cargo install oha --locked` (compiles for a few minutes), then rerun';

export interface OhaBinary {
  path: string;
  version: string;
}

/** oha on PATH or in cargo's bin folder, or null. */
export function findOha(): OhaBinary | null {
  const candidates = ['oha', join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin', 'oha')];
  for (const path of candidates) {
    if (path !== 'oha' && !existsSync(path)) continue;
    const r = spawnSync(path, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return { path, version: r.stdout.trim().replace(/^oha\s+/, '') };
  }
  return null;
}

// Seconds, as oha writes them with --output-format json.
const ohaJson = z.object({
  summary: z.object({ successRate: z.number(), total: z.number(), slowest: z.number().nullable(), requestsPerSec: z.number() }),
  latencyPercentiles: z.object({ p50: z.number().nullable(), p90: z.number().nullable(), p99: z.number().nullable(), 'p99.9': z.number().nullable() }),
  statusCodeDistribution: z.record(z.string(), z.number()),
  errorDistribution: z.record(z.string(), z.number()),
});

const us = (s: number | null) => (s === null ? Number.NaN : Math.floor(s * 1e6));

export function parseOhaJson(text: string): OpenLoopLatencyUs {
  const j = ohaJson.parse(JSON.parse(text));
  const responses = Object.values(j.statusCodeDistribution).reduce((a, b) => a + b, 0);
  return {
    p50_us: us(j.latencyPercentiles.p50),
    p90_us: us(j.latencyPercentiles.p90),
    p99_us: us(j.latencyPercentiles.p99),
    p99_9_us: us(j.latencyPercentiles['p99.9']),
    max_us: us(j.summary.slowest),
    achieved_per_s: j.summary.requestsPerSec,
    responses,
    errors: Object.values(j.errorDistribution).reduce((a, b) => a + b, 0),
  };
}

export interface OhaRunOptions {
  oha: OhaBinary;
  url: string;
  rate_per_s: number;
  duration_s: number;
  connections: number;
  cpus: string;
  realtime: boolean;
}

export function ohaArgs(o: Omit<OhaRunOptions, 'oha' | 'cpus' | 'realtime'>): string[] {
  return ['--no-tui', '--output-format', 'json', '-z', `${o.duration_s}s`, '-q', String(o.rate_per_s), '--latency-correction', '-c', String(o.connections), o.url];
}

export async function runOha(o: OhaRunOptions): Promise<OpenLoopLatencyUs> {
  const [cmd, args] = pinned(o.cpus, o.oha.path, ohaArgs(o), o.realtime);
  const { code, stdout, stderr } = await runToCompletion(cmd, args);
  if (code !== 0) throw new Error(`oha failed (exit ${code}): ${stderr.trim()}`);
  try {
    return parseOhaJson(stdout);
  } catch (e) {
    throw new Error(`cannot read oha's JSON output: ${(e as Error).message}`);
  }
}
