// The API answers a single-run page needs, computed up front: what the HTML report embeds so the
// same app runs from file:// with no server. Keys are the exact request paths the app makes.
import type { RunRecord } from '../results/schema.ts';
import { mergeEncodedHistograms } from '../store/merge-histograms.ts';
import { summarize } from '../store/summary.ts';
import { apiPaths, RUN_LIST_LIMIT, SWEEP_LIST_LIMIT } from './api-paths.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import type { TradeoffsResult } from '../results/tradeoffs-schema.ts';
import { sustainablePoints } from '../store/sweep-trend.ts';
import type { ClaimsResponse, HistogramResponse, LatestResponse, RunResponse, RunsResponse, SweepsResponse, TradeoffsResponse } from './api-types.ts';
import { NO_TRADEOFFS_HINT } from './api.ts';
import { NOT_EVALUATED_HINT, type EvaluatedClaims } from './claims.ts';
import { toRunView } from './run-view.ts';
import { sweepResponse, sweepSummaries } from './sweeps.ts';
import { percentileSpectrum } from './spectrum.ts';

const WHICH = ['corrected', 'uncorrected'] as const;

/** Merged measure-phase histogram of the ok repetitions, the same rule as the stores' mergedHistogram. */
function mergedOf(run: RunRecord, scenario: string, processor: string, which: (typeof WHICH)[number]): string | undefined {
  const encoded = run.measurements
    .filter((m) => m.scenario === scenario && m.processor === processor && m.status === 'ok')
    .flatMap((m) => m.phases.filter((p) => p.phase === 'measure').map((p) => (which === 'corrected' ? p.corrected_hdr : p.uncorrected_hdr)));
  return mergeEncodedHistograms(encoded);
}

export function embeddedAnswers(run: RunRecord, claims?: EvaluatedClaims, tradeoffs?: TradeoffsResult, sweep?: SweepResult): Record<string, unknown> {
  const run_id = run.manifest.run_id;
  const view = toRunView(run);
  const answers: Record<string, unknown> = {
    [apiPaths.runs({ limit: RUN_LIST_LIMIT })]: { runs: [summarize(run.manifest)] } satisfies RunsResponse,
    [apiPaths.run(run_id)]: { run: view } satisfies RunResponse,
    [apiPaths.latest()]: { run: view } satisfies LatestResponse,
    [apiPaths.claims(run_id)]: (claims
      ? { state: 'evaluated', run_id, ...claims }
      : { state: 'not-evaluated', run_id, hint: NOT_EVALUATED_HINT }) satisfies ClaimsResponse,
    [apiPaths.tradeoffs()]: (tradeoffs ? { state: 'measured', result: tradeoffs } : { state: 'none', hint: NO_TRADEOFFS_HINT }) satisfies TradeoffsResponse,
  };
  if (tradeoffs) answers[apiPaths.tradeoffs(tradeoffs.id)] = { state: 'measured', result: tradeoffs } satisfies TradeoffsResponse;
  // One sweep at most: the list, the Overview's card per scenario and the view's answers. Without
  // one, "latest" is left out, which the view reads as "no sweep yet".
  answers[apiPaths.sweeps({ limit: SWEEP_LIST_LIMIT })] = { sweeps: sweep ? sweepSummaries(sustainablePoints([sweep])) : [] } satisfies SweepsResponse;
  for (const scenario of run.manifest.scenarios) {
    answers[apiPaths.sweeps({ scenario, limit: 1 })] = { sweeps: sweep ? sweepSummaries(sustainablePoints([sweep], { scenario })) : [] } satisfies SweepsResponse;
  }
  if (sweep) answers[apiPaths.sweep('latest')] = answers[apiPaths.sweep(sweep.id)] = sweepResponse(sweep);
  for (const scenario of run.manifest.scenarios) {
    for (const { name: processor } of run.manifest.processors) {
      for (const which of WHICH) {
        const encoded = mergedOf(run, scenario, processor, which);
        if (encoded === undefined) continue;
        const { count, points } = percentileSpectrum(encoded);
        answers[apiPaths.histogram({ run: run_id, scenario, processor, which })] = { run_id, scenario, processor, which, count, points } satisfies HistogramResponse;
      }
    }
  }
  return answers;
}
