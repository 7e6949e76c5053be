// Runs for the shaping tests: the harness's synthetic runs (real HDR histograms, schema-valid),
// reduced to what the API sends.
import { syntheticRun, type SyntheticRunOptions } from '../../../harness/src/results/synthetic.ts';
import { toRunView } from '../../../harness/src/serve/run-view.ts';
import type { RunView } from '../../../harness/src/serve/api-types.ts';

export function runView(opts: Partial<SyntheticRunOptions> = {}): RunView {
  return toRunView(syntheticRun({ seed: 1, samples_per_phase: 200, ...opts }));
}
