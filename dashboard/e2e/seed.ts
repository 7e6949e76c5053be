// A results folder of synthetic runs for the browser tests and the benchmark: real HDR
// histograms, written by the same writer a real run uses.
import { runDir } from '../../harness/src/results/layout.ts';
import { syntheticRun, type SyntheticRunOptions } from '../../harness/src/results/synthetic.ts';
import { writeRunDir } from '../../harness/src/results/write-run.ts';
import type { RunRecord } from '../../harness/src/results/schema.ts';

export async function seedRuns(root: string, runs: Array<Partial<SyntheticRunOptions> & { seed: number }>): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  for (const opts of runs) {
    const run = syntheticRun({ samples_per_phase: 400, ...opts });
    await writeRunDir(runDir(root, run.manifest.run_id), run);
    out.push(run);
  }
  return out;
}

/**
 * The browser tests' store: four runs on main, the last with node made 60% slower (a regression
 * the trends view must mark), plus one on a feature branch; and, earlier and on a branch of their
 * own, the pair the compare view puts side by side (node 60% slower, rust's RSS at 60% in the
 * first). That pair has 20 repetitions: the synthetic p99 sits on a 1% tail and varies about 2×
 * between repetitions, and with honest intervals (t on logs, as everywhere) 3 repetitions cannot
 * tell 1.6× from noise.
 */
const PAIR = { git_branch: 'compare/pair', repetitions: 20 };
export const COMPARE_PAIR = ['synthetic-000021', 'synthetic-000022'] as const;
export const E2E_RUNS: Array<Partial<SyntheticRunOptions> & { seed: number }> = [
  { seed: 21, started_at: new Date(Date.UTC(2026, 9, 30, 0)), rss_scale: { rust: 0.6 }, ...PAIR },
  { seed: 22, started_at: new Date(Date.UTC(2026, 9, 30, 1)), latency_scale: { node: 1.6 }, ...PAIR },
  { seed: 1 },
  { seed: 2 },
  { seed: 3 },
  { seed: 4, git_branch: 'feat/arena' , rss_scale: { rust: 0.6 } },
  { seed: 5, latency_scale: { node: 1.6 } },
];
