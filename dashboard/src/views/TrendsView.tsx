import { useMemo } from 'react';
import { apiPaths } from '../../../harness/src/serve/api-paths.ts';
import type { SeriesResponse, SweepsResponse } from '../../../harness/src/serve/api-types.ts';
import type { RunSummary, SeriesMetric } from '../../../harness/src/store/types.ts';
import { useApi, useApiAll } from '../api/useApi.ts';
import { Card } from '../components/Card.tsx';
import { Num } from '../components/Num.tsx';
import { Picker } from '../components/Picker.tsx';
import { EmptyState, ErrorBox, Loading } from '../components/StateViews.tsx';
import { formatBytes } from '../format/bytes.ts';
import { formatDuration } from '../format/duration.ts';
import { formatRate } from '../format/quantity.ts';
import type { Direction } from '../shape/compare.ts';
import { sustainableTrend, trendSeries } from '../shape/trends.ts';
import { TrendChart } from './TrendChart.tsx';

interface TrendMetric {
  metric: SeriesMetric;
  title: string;
  direction: Direction;
  format: (v: number) => string;
}

export const TREND_METRICS: TrendMetric[] = [
  { metric: 'p99_us', title: 'p99 (corrected)', direction: 'lower-is-better', format: (v) => formatDuration(v) },
  { metric: 'capacity_events_per_s', title: 'Throughput (capacity, events/s)', direction: 'higher-is-better', format: (v) => formatRate(v, '') },
  { metric: 'steady_rss_bytes', title: 'Steady RSS', direction: 'lower-is-better', format: (v) => formatBytes(v) },
];

export const TREND_RUNS = 100;
const ALL_BRANCHES = '(all branches)';

export function TrendsView({ runs, scenario, scenarios, branch, onScenario, onBranch }: { runs: RunSummary[]; scenario: string; scenarios: string[]; branch: string | undefined; onScenario: (s: string) => void; onBranch: (b: string | undefined) => void }) {
  const branches = useMemo(() => [ALL_BRANCHES, ...new Set(runs.map((r) => r.git_branch))], [runs]);
  const answers = useApiAll<SeriesResponse>(
    TREND_METRICS.map((m) => apiPaths.series({ metric: m.metric, scenario, ...(branch ? { branch } : {}), last: TREND_RUNS })),
  );
  const charts = useMemo(
    () => (answers.state === 'ok' ? TREND_METRICS.map((m, i) => ({ ...m, series: trendSeries(answers.data[i]!.points, m.direction) })) : []),
    [answers],
  );
  const pickers = (
    <div className="pickers">
      <Picker label="scenario" value={scenario} options={scenarios} onChange={onScenario} />
      <Picker label="branch" value={branch ?? ALL_BRANCHES} options={branches} onChange={(b) => onBranch(b === ALL_BRANCHES ? undefined : b)} />
    </div>
  );
  if (answers.state === 'loading') return <>{pickers}<Loading what="trends" /></>;
  if (answers.state === 'error') return <>{pickers}<ErrorBox error={answers.error} /></>;
  const regressions = charts.flatMap((c) => c.series.flatMap((s) => s.points.filter((p) => p.regression).map((p) => ({ metric: c, processor: s.processor, point: p }))));
  const runCount = new Set(charts.flatMap((c) => c.series.flatMap((s) => s.points.map((p) => p.run_id)))).size;
  return (
    <div className="view" data-testid="view-trends">
      {pickers}
      {runCount < 2 ? <EmptyState command="npm run bench">A trend needs at least two runs of {scenario}; there {runCount === 1 ? 'is one' : 'are none'}. Record another with:</EmptyState> : null}
      <div className="grid">
        {charts.map((c) => (
          <Card key={c.metric} title={`${c.title} — ${scenario}`} note={`last ${TREND_RUNS} runs, median over repetitions; red: worse than the median of the 5 runs before by more than 10%`} testId={`chart-trend-${c.metric}`}>
            {c.series.some((s) => s.points.some((p) => p.value > 0)) ? <TrendChart series={c.series} format={c.format} /> : <p className="note">no values for this scenario</p>}
          </Card>
        ))}
      </div>
      <SustainableTrendCard scenario={scenario} branch={branch} />
      <Card title="Regressions">
        {regressions.length === 0 ? (
          <p className="note">none marked</p>
        ) : (
          <table className="data" data-testid="regression-table">
            <thead>
              <tr>
                <th>run</th>
                <th>commit</th>
                <th>processor</th>
                <th>metric</th>
                <th>value</th>
              </tr>
            </thead>
            <tbody>
              {regressions.map((r) => (
                <tr key={`${r.metric.metric}-${r.processor}-${r.point.run_id}`} className="regression">
                  <td><a href={`#view=overview&run=${encodeURIComponent(r.point.run_id)}`} className="num">{r.point.run_id}</a></td>
                  <td><Num>{r.point.git_branch}@{r.point.git_sha.slice(0, 7)}</Num></td>
                  <td>{r.processor}</td>
                  <td>{r.metric.title}</td>
                  <td><Num>{r.metric.format(r.point.value)}</Num></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

/**
 * Sustainable throughput under the SLO over `harness sweep` results: the headline capacity
 * (issue "latency against load"), on an axis of sweeps. Its own request, so a store without
 * sweeps (or one that fails to read them) leaves the run trends standing.
 */
function SustainableTrendCard({ scenario, branch }: { scenario: string; branch: string | undefined }) {
  const answer = useApi<SweepsResponse>(apiPaths.sweeps({ scenario, limit: TREND_RUNS }));
  const trend = useMemo(() => (answer.state === 'ok' ? sustainableTrend(answer.data.sweeps, scenario, branch) : undefined), [answer, scenario, branch]);
  const title = `Sustainable throughput under the SLO${trend ? ` (${trend.unit})` : ''} — ${scenario}`;
  const note = `last ${TREND_RUNS} sweeps, one point per sweep; ≥: driver-limited (a lower bound, never marked); red: below the median of the 5 sweeps before by more than 10%`;
  return (
    <Card title={title} note={note} testId="chart-trend-sustainable">
      {answer.state === 'loading' ? <Loading what="sweeps" /> : null}
      {answer.state === 'error' ? <ErrorBox error={answer.error} /> : null}
      {trend && trend.sweeps === 0 ? (
        <EmptyState command={`npm run harness -- sweep --scenarios ${scenario}`}>No sweep of {scenario}{branch ? ` on ${branch}` : ''} has a sustainable throughput yet. Find one with:</EmptyState>
      ) : null}
      {trend && trend.sweeps > 0 ? <TrendChart series={trend.series} format={(v) => formatRate(v, '')} /> : null}
    </Card>
  );
}
