// Where and how a run was measured, stored with it so a number can always be traced back to a
// commit, a machine and a configuration.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Plan } from '../plan/index.ts';
import type { MachineProvenance, Provenance } from '../results/schema.ts';

export const HARNESS_VERSION = '0.1.0';

function git(repoRoot: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1]!.trim();
  } catch {
    // not Linux: fall through to what Node knows
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function gitInfo(repoRoot: string): { sha: string; dirty: boolean; branch: string } {
  return {
    sha: git(repoRoot, ['rev-parse', 'HEAD']) ?? 'unknown',
    // Results and build outputs are gitignored, so only source changes make a run "dirty".
    dirty: (git(repoRoot, ['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    branch: process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME || git(repoRoot, ['rev-parse', '--abbrev-ref', 'HEAD']) || 'unknown',
  };
}

/** The commit and the machine (every kind of result records these). */
export function machineProvenance(repoRoot: string): MachineProvenance {
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

export function collectProvenance(repoRoot: string, plan: Plan): Provenance {
  const injected: Record<string, string> = {};
  for (const [processor, env] of Object.entries(plan.inject)) {
    for (const [k, v] of Object.entries(env)) injected[`${processor}.${k}`] = v;
  }
  return {
    ...machineProvenance(repoRoot),
    pinning: plan.pinning,
    threads: plan.threads,
    injected,
  };
}
