// Runs for the shaping tests: the harness's synthetic runs (real HDR histograms, schema-valid),
// reduced to what the API sends, and a real run's files (schema v2: stalls, tail composition,
// clean percentiles, GC cycles) read and validated the way the file store reads them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRunDir } from '../../../harness/src/results/read-run.ts';
import { syntheticRun, type SyntheticRunOptions } from '../../../harness/src/results/synthetic.ts';
import { toRunView } from '../../../harness/src/serve/run-view.ts';
import type { RunView } from '../../../harness/src/serve/api-types.ts';

export function runView(opts: Partial<SyntheticRunOptions> = {}): RunView {
  return toRunView(syntheticRun({ seed: 1, samples_per_phase: 200, ...opts }));
}

/** A real quick run (ingest; go, node, node-rust, rust; 3 repetitions): see e2e/fixtures/README.md. */
export const REAL_RUN_ID = '20261201T105050Z-3c5f1fe-bfc3';
export const REAL_RUN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'e2e', 'fixtures', 'run-quick-ingest', REAL_RUN_ID);

export async function realRunView(): Promise<RunView> {
  return toRunView(await readRunDir(REAL_RUN_DIR));
}
