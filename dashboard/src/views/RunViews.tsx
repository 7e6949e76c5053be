import { apiPaths } from '../../../harness/src/serve/api-paths.ts';
import type { LatestResponse } from '../../../harness/src/serve/api-types.ts';
import { RUN_VIEWS } from '../../../harness/src/serve/prefetch.ts';
import { useApi } from '../api/useApi.ts';
import { Picker } from '../components/Picker.tsx';
import { RunHeader } from '../components/RunHeader.tsx';
import { EmptyState, ErrorBox, Loading } from '../components/StateViews.tsx';
import { WHICH, type UrlState } from '../state/url.ts';
import { DistributionView } from './DistributionView.tsx';
import { LatencyTimeView } from './LatencyTimeView.tsx';
import { MemoryTimeView } from './MemoryTimeView.tsx';
import { OverviewView } from './OverviewView.tsx';
import { TailView } from './TailView.tsx';

export type RunViewName = (typeof RUN_VIEWS)[number];

export const isRunView = (view: string): view is RunViewName => (RUN_VIEWS as readonly string[]).includes(view);

/**
 * The views of one run: fetch it (the newest when none is selected, without waiting for the run
 * list), pick the scenario, then draw the selected view.
 */
export function RunViews({ view, runId, state, update }: { view: RunViewName; runId: string | undefined; state: UrlState; update: (p: Partial<UrlState>) => void }) {
  // A run answer has the same shape as a latest answer whose run is present.
  const answer = useApi<LatestResponse>(runId ? apiPaths.run(runId) : apiPaths.latest());
  if (answer.state === 'loading') return <Loading what={runId ? `run ${runId}` : 'the newest run'} />;
  if (answer.state === 'error') return <ErrorBox error={answer.error} />;
  const run = answer.data.run;
  if (run === null) return <EmptyState command="npm run bench">No runs in the store yet. Record one (it takes a few minutes) with:</EmptyState>;
  runId = run.manifest.run_id;
  const scenarios = run.manifest.scenarios;
  const scenario = state.scenario ?? scenarios[0];
  if (scenario === undefined) return <ErrorBox error={`run ${runId} has no scenarios`} />;
  if (!scenarios.includes(scenario)) {
    return <ErrorBox title="Invalid selection" error={`run ${runId} has no scenario "${scenario}" (it has ${scenarios.join(', ')})`} />;
  }
  return (
    <>
      <RunHeader run={run} />
      <div className="pickers">
        <Picker label="scenario" value={scenario} options={scenarios} onChange={(s) => update({ scenario: s })} />
        {view === 'distribution' ? <Picker label="histograms" value={state.which} options={WHICH} onChange={(w) => update({ which: w })} /> : null}
      </div>
      {view === 'overview' ? <OverviewView run={run} scenario={scenario} /> : null}
      {view === 'distribution' ? <DistributionView run={run} scenario={scenario} which={state.which} /> : null}
      {view === 'tail' ? <TailView run={run} scenario={scenario} /> : null}
      {view === 'latency' ? <LatencyTimeView run={run} scenario={scenario} rep={state.rep} onRep={(rep) => update({ rep })} /> : null}
      {view === 'memory' ? <MemoryTimeView run={run} scenario={scenario} rep={state.rep} onRep={(rep) => update({ rep })} /> : null}
    </>
  );
}
