import { useMemo } from 'react';
import { apiPaths } from '../../../harness/src/serve/api-paths.ts';
import type { CompareResponse } from '../../../harness/src/serve/api-types.ts';
import type { RunSummary } from '../../../harness/src/store/types.ts';
import { useApi } from '../api/useApi.ts';
import { Card } from '../components/Card.tsx';
import { RunPicker } from '../components/RunPicker.tsx';
import { EmptyState, ErrorBox, Loading } from '../components/StateViews.tsx';
import { compareRuns } from '../shape/compare.ts';
import { CompareChart } from './CompareChart.tsx';
import { CompareTable } from './CompareTable.tsx';

/** b defaults to the selected run, a to the run before it. */
export function defaultPair(runs: RunSummary[], current: string | undefined): { a?: string; b?: string } {
  const bIndex = Math.max(0, runs.findIndex((r) => r.run_id === current));
  const b = runs[bIndex]?.run_id;
  const a = runs[bIndex + 1]?.run_id;
  return { ...(a ? { a } : {}), ...(b ? { b } : {}) };
}

export function CompareView({ runs, a, b, scenario, onPick }: { runs: RunSummary[]; a: string | undefined; b: string | undefined; scenario: string; onPick: (p: { a?: string; b?: string }) => void }) {
  const answer = useApi<CompareResponse>(a && b ? apiPaths.compare(a, b) : null);
  const rows = useMemo(() => (answer.state === 'ok' ? compareRuns(answer.data.a, answer.data.b) : []), [answer]);
  if (!a || !b) return <EmptyState command="npm run bench">Compare needs two runs; the store has {runs.length}. Record another with:</EmptyState>;
  const pickers = (
    <div className="pickers">
      <RunPicker label="a (reference)" runs={runs} value={a} onChange={(id) => onPick({ a: id, b })} testId="pick-a" />
      <RunPicker label="b (candidate)" runs={runs} value={b} onChange={(id) => onPick({ a, b: id })} testId="pick-b" />
    </div>
  );
  if (answer.state === 'loading') return <>{pickers}<Loading what="both runs" /></>;
  if (answer.state === 'error') return <>{pickers}<ErrorBox error={answer.error} /></>;
  const forScenario = rows.filter((r) => r.scenario === scenario);
  return (
    <div className="view" data-testid="view-compare">
      {pickers}
      <Card title={`p99, a vs b — ${scenario}`} note="b in red: regression, green: improvement, grey: within noise (change under 5% or overlapping 95% intervals)" testId="chart-compare">
        <CompareChart rows={forScenario} />
      </Card>
      <Card title="All metrics">
        <CompareTable rows={rows} />
      </Card>
    </div>
  );
}
