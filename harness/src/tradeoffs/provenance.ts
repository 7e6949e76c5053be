// Where a trade-offs run was measured: commit and machine (no plan: nothing is pinned or loaded).
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { gitInfo, HARNESS_VERSION } from '../pipeline/provenance.ts';
import type { LoadAverage, TradeoffsResult } from '../results/tradeoffs-schema.ts';

function cpuModel(): string {
  const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return m?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
}

export function tradeoffsProvenance(repoRoot: string): TradeoffsResult['provenance'] {
  const g = gitInfo(repoRoot);
  return {
    git_sha: g.sha,
    git_dirty: g.dirty,
    git_branch: g.branch,
    harness_version: HARNESS_VERSION,
    node_version: process.version,
    hostname: os.hostname(),
    os: `${os.type()} ${os.arch()}`,
    kernel: os.release(),
    cpu_model: cpuModel(),
    cores: os.availableParallelism(),
    memory_bytes: os.totalmem(),
  };
}

export function loadAverage(): LoadAverage {
  const [m1, m5, m15] = os.loadavg();
  const r = (x: number | undefined) => Math.round((x ?? 0) * 100) / 100;
  return { m1: r(m1), m5: r(m5), m15: r(m15) };
}
