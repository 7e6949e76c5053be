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
 * the trends and compare views must mark), plus one on a feature branch.
 */
export const E2E_RUNS: Array<Partial<SyntheticRunOptions> & { seed: number }> = [
  { seed: 1 },
  { seed: 2 },
  { seed: 3 },
  { seed: 4, git_branch: 'feat/arena' , rss_scale: { rust: 0.6 } },
  { seed: 5, latency_scale: { node: 1.6 } },
];
