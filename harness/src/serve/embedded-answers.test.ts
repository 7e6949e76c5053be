import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { sampleSweep } from '../sweep/fixtures/sample-sweep.ts';
import { apiPaths, SWEEP_LIST_LIMIT } from './api-paths.ts';
import type { SweepResponse, SweepsResponse } from './api-types.ts';
import { embeddedAnswers } from './embedded-answers.ts';

const run = syntheticRun({ seed: 1, samples_per_phase: 50 });

describe('embeddedAnswers with a sweep', () => {
  it("answers the latency-against-load view's requests for the newest sweep and by id", async () => {
    const sweep = await sampleSweep();
    const answers = embeddedAnswers(run, undefined, undefined, sweep);
    expect((answers[apiPaths.sweep('latest')] as SweepResponse).sweep.id).toBe(sweep.id);
    expect((answers[apiPaths.sweep(sweep.id)] as SweepResponse).sweep.views[0]!.scenario).toBe('ingest');
    expect((answers[apiPaths.sweeps({ limit: SWEEP_LIST_LIMIT })] as SweepsResponse).sweeps.map((s) => s.id)).toEqual([sweep.id]);
  });

  it("answers the Overview's card for each of the run's scenarios, empty where the sweep did not measure it", async () => {
    const answers = embeddedAnswers(run, undefined, undefined, await sampleSweep());
    expect((answers[apiPaths.sweeps({ scenario: 'ingest', limit: 1 })] as SweepsResponse).sweeps).toHaveLength(1);
    expect(answers[apiPaths.sweeps({ scenario: 'reads', limit: 1 })]).toEqual({ sweeps: [] });
  });
});

describe('embeddedAnswers without a sweep', () => {
  it('lists no sweep and leaves "latest" out, which the view reads as none yet', () => {
    const answers = embeddedAnswers(run);
    expect(answers[apiPaths.sweeps({ limit: SWEEP_LIST_LIMIT })]).toEqual({ sweeps: [] });
    expect(Object.hasOwn(answers, apiPaths.sweep('latest'))).toBe(false);
  });
});
