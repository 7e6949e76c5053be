import { useState } from 'react';
import { apiPaths, SWEEP_LIST_LIMIT } from '../../../harness/src/serve/api-paths.ts';
import type { SweepResponse, SweepsResponse } from '../../../harness/src/serve/api-types.ts';
import type { CurveView } from '../../../harness/src/sweep/curve-view.ts';
import { useApi } from '../api/useApi.ts';
import { Card } from '../components/Card.tsx';
import { Num } from '../components/Num.tsx';
import { Picker } from '../components/Picker.tsx';
import { EmptyState, ErrorBox, Loading } from '../components/StateViews.tsx';
import { latencyDomain, loadSeries, rateDomain, sloFigure, sustainableRows, type LoadFigure } from '../shape/load.ts';
import { LoadChart } from './LoadChart.tsx';

export const NO_SWEEP_COMMAND = 'npm run harness -- sweep';

function SustainableTable({ view }: { view: CurveView }) {
  return (
    <table className="data" data-testid="load-table">
      <thead>
        <tr>
          <th>processor</th>
          <th>sustainable req/s</th>
          <th>events/s</th>
          <th>events/s per core</th>
          <th>of closed-loop ceiling</th>
          <th>reading</th>
          <th>why the next step failed</th>
        </tr>
      </thead>
      <tbody>
        {sustainableRows(view).map((r) => (
          <tr key={r.processor} data-row={r.processor}>
            <td>{r.processor}</td>
            <td data-cell="requests">{r.requests_per_s === null ? '—' : <Num>{r.lower_bound ? `≥ ${r.requests_per_s}` : r.requests_per_s}</Num>}</td>
            <td data-cell="events">{r.events_per_s === null ? '—' : <Num>{r.events_per_s}</Num>}</td>
            <td data-cell="per-core">{r.events_per_s_per_core === null ? '—' : <Num>{r.events_per_s_per_core}</Num>}</td>
            <td data-cell="of-ceiling">
              <Num>{r.of_ceiling}</Num>
            </td>
            <td data-cell="wording">
              {r.wording}
              {r.floor_warning && <div className="warn" data-cell="floor-warning">⚠ {r.floor_warning}</div>}
            </td>
            <td data-cell="next-failed">{r.next_failed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Curves({ view, figure }: { view: CurveView; figure: LoadFigure }) {
  const series = loadSeries(view, figure);
  const slo = view.slo.lines.filter((l) => l.figure === figure);
  if (!series.length) return <p className="note">No step of this scenario has {figure} percentiles to draw.</p>;
  return <LoadChart series={series} slo={slo} xDomain={rateDomain(series)} yDomain={latencyDomain(series, slo.map((l) => l.max_us))} />;
}

function SweepBody({ sweep, scenario, onScenario }: { sweep: SweepResponse['sweep']; scenario: string | undefined; onScenario: (s: string) => void }) {
  const [picked, setFigure] = useState<LoadFigure | undefined>(undefined);
  const view = sweep.views.find((v) => v.scenario === scenario) ?? sweep.views[0];
  if (!view) return <ErrorBox error={`sweep ${sweep.id} measured no scenario`} />;
  // The scenario is shared with the run views: one the sweep did not measure falls back to its first, said so.
  const missing = scenario !== undefined && view.scenario !== scenario ? scenario : undefined;
  const figure = picked ?? sloFigure(view);
  const slo = view.slo;
  const sloText = `${slo.lines.map((l) => l.label).join(', ')}, achieved ≥ ${Math.round(slo.min_achieved_share * 100)}% of offered${slo.no_upward_trend ? ', no growing latency' : ''} (${slo.source === 'default' ? 'default SLO' : "the scenario's SLO"})`;
  return (
    <>
      <div className="pickers">
        <Picker label="scenario" value={view.scenario} options={sweep.views.map((v) => v.scenario)} onChange={onScenario} />
        {missing ? <span className="note" data-testid="load-scenario-missing">this sweep did not measure {missing}</span> : null}
        <Picker label="percentiles" value={figure} options={['clean', 'raw'] as const} onChange={setFigure} format={(f) => (f === 'clean' ? "clean (the processor's own)" : 'raw (platform stalls included)')} />
      </div>
      <Card
        title={`Latency against load: ${view.scenario}`}
        note={`Sweep ${sweep.id} (${sweep.status}) on ${sweep.hostname}. Each point a step (warmup ${sweep.settings.warmup_s} s, measure ${sweep.settings.measure_s} s, a fresh process), at the rate the processor achieved; whiskers: the step's interval; faded: the step missed the SLO; ringed: the sustainable point. SLO: ${sloText}.`}
        testId="load-chart"
      >
        <Curves view={view} figure={figure} />
      </Card>
      <Card title="Sustainable throughput" note="The highest offered rate that met the SLO, bisected and confirmed by repetitions; per core of the processor's CPU budget. “at least”: the driver limited the search first." testId="load-sustainable">
        <SustainableTable view={view} />
      </Card>
    </>
  );
}

/** A sweep of `harness sweep`: each processor's latency against the load it carried. */
export function LoadView({ sweepId, scenario, onPick }: { sweepId: string | undefined; scenario: string | undefined; onPick: (p: { sweep?: string; scenario?: string }) => void }) {
  const list = useApi<SweepsResponse>(apiPaths.sweeps({ limit: SWEEP_LIST_LIMIT }));
  const answer = useApi<SweepResponse>(apiPaths.sweep(sweepId ?? 'latest'));
  if (list.state === 'loading' || answer.state === 'loading') return <Loading what="sweeps" />;
  if (list.state === 'error') return <ErrorBox error={list.error} />;
  if (answer.state === 'error') {
    if (answer.error.status === 404 && sweepId === undefined) {
      return (
        <div className="view" data-testid="view-load">
          <EmptyState command={NO_SWEEP_COMMAND}>No sweep yet. Measure each processor's latency against load and its sustainable throughput with:</EmptyState>
        </div>
      );
    }
    return <ErrorBox error={answer.error} />;
  }
  const sweep = answer.data.sweep;
  const ids = list.data.sweeps.map((s) => s.id);
  return (
    <div className="view" data-testid="view-load">
      {ids.length > 1 ? (
        <div className="pickers">
          <Picker label="sweep" value={sweep.id} options={ids.includes(sweep.id) ? ids : [sweep.id, ...ids]} onChange={(id) => onPick({ sweep: id, scenario: undefined })} />
        </div>
      ) : null}
      <SweepBody sweep={sweep} scenario={scenario} onScenario={(s) => onPick({ scenario: s })} />
    </div>
  );
}
