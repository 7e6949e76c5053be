import { useMemo } from 'react';
import { apiPaths, RUN_LIST_LIMIT } from '../../harness/src/serve/api-paths.ts';
import type { RunsResponse } from '../../harness/src/serve/api-types.ts';
import { useApiSource } from './api/context.ts';
import { useApi } from './api/useApi.ts';
import { Nav } from './components/Nav.tsx';
import { RunPicker } from './components/RunPicker.tsx';
import { EmptyState, ErrorBox, Loading } from './components/StateViews.tsx';
import { useUrlState } from './state/useUrlState.ts';
import { ClaimsView } from './views/ClaimsView.tsx';
import { InProcessView } from './views/InProcessView.tsx';
import { LoadView } from './views/LoadView.tsx';
import { CompareView, defaultPair } from './views/CompareView.tsx';
import { isRunView, RunViews } from './views/RunViews.tsx';
import { TradeoffsView } from './views/TradeoffsView.tsx';
import { TrendsView } from './views/TrendsView.tsx';

export function App() {
  const [{ state, errors }, update] = useUrlState();
  const source = useApiSource();
  const runsAnswer = useApi<RunsResponse>(apiPaths.runs({ limit: RUN_LIST_LIMIT }));
  const runs = runsAnswer.state === 'ok' ? runsAnswer.data.runs : [];
  const runId = state.run ?? runs[0]?.run_id;
  const scenarios = useMemo(() => [...new Set(runs.flatMap((r) => r.scenarios))], [runs]);
  const singleRun = source.kind === 'report';

  let body;
  if (errors.length) body = <ErrorBox title="Invalid URL" error={errors.join('; ')} />;
  // The run views fetch their run themselves, in parallel with the run list (which only fills the picker).
  else if (isRunView(state.view)) body = <RunViews view={state.view} runId={state.run} state={state} update={update} />;
  // Micro-benchmark results are not runs: the view lists its own.
  else if (state.view === 'inprocess') body = <InProcessView id={state.mb} onPick={(mb) => update({ mb })} />;
  // Trade-offs are their own kind of run: shown whether or not a latency run exists.
  else if (state.view === 'tradeoffs') body = <TradeoffsView />;
  // Sweeps are their own kind of result too.
  else if (state.view === 'load') body = <LoadView sweepId={state.sweep} scenario={state.scenario} onPick={(p) => update(p)} />;
  else if (runsAnswer.state === 'loading') body = <Loading what="runs" />;
  else if (runsAnswer.state === 'error') body = <ErrorBox error={runsAnswer.error} />;
  else if (runs.length === 0 || runId === undefined) {
    body = <EmptyState command="npm run bench">No runs in the store yet. Record one (it takes a few minutes) with:</EmptyState>;
  } else if (state.view === 'trends') {
    const scenario = state.scenario ?? scenarios[0] ?? '';
    body = <TrendsView runs={runs} scenario={scenario} scenarios={scenarios} branch={state.branch} onScenario={(s) => update({ scenario: s })} onBranch={(b) => update({ branch: b })} />;
  } else if (state.view === 'compare') {
    const pair = defaultPair(runs, state.run);
    body = <CompareView runs={runs} a={state.a ?? pair.a} b={state.b ?? pair.b} scenario={state.scenario ?? scenarios[0] ?? ''} onPick={(p) => update(p)} />;
  } else {
    body = <ClaimsView runId={runId} />;
  }

  const showRunPicker = !singleRun && runs.length > 0 && runId !== undefined && !['trends', 'compare', 'inprocess', 'tradeoffs', 'load'].includes(state.view);
  return (
    <div className="app">
      <header>
        <h1>Latency harness</h1>
        <Nav current={state.view} singleRun={singleRun} onSelect={(view) => update({ view })} />
        {showRunPicker ? <RunPicker runs={runs} value={runId} onChange={(id) => update({ run: id, scenario: undefined })} testId="pick-run" /> : null}
      </header>
      <main>{body}</main>
    </div>
  );
}
