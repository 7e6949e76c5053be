import { apiPaths } from '../../../harness/src/serve/api-paths.ts';
import type { TradeoffsResponse } from '../../../harness/src/serve/api-types.ts';
import type { TradeoffsResult } from '../../../harness/src/results/tradeoffs-schema.ts';
import { useApi } from '../api/useApi.ts';
import { Card } from '../components/Card.tsx';
import { Num } from '../components/Num.tsx';
import { EmptyState, ErrorBox, Loading } from '../components/StateViews.tsx';
import { buildPoints, safetyTool, TRADEOFFS_COLUMNS, tradeoffsRows } from '../shape/tradeoffs.ts';
import { BuildTimeBars } from './BuildTimeBars.tsx';

function Noise({ result }: { result: TradeoffsResult }) {
  const n = result.noise;
  return (
    <>
      {result.id} ({result.status}) on {result.provenance.hostname}, {n.cores} cores; {result.options.repeat} repetition{result.options.repeat === 1 ? '' : 's'} interleaved, medians (hover a cell for the samples). Load average{' '}
      <Num>{n.load_avg_before.m1}</Num> → <Num>{n.load_avg_after.m1}</Num> (1 min): builds ran unpinned, one at a time, beside whatever else the machine ran.
    </>
  );
}

function Rules({ result }: { result: TradeoffsResult }) {
  const r = result.rules;
  const ecosystems = new Set(result.processors.flatMap((p) => (p.dependencies.status === 'measured' ? p.dependencies.sources.map((s) => s.ecosystem) : [])));
  const items: Array<[string, string]> = [
    ['builds', r.builds],
    ['output', r.output],
    ['idle RSS', r.idle_rss],
    ...Object.entries(r.dependencies).filter(([eco]) => ecosystems.has(eco as never)).map(([eco, rule]): [string, string] => [`dependencies (${eco})`, rule]),
    ['lines of code', r.code],
    ['safety checker', r.safety],
  ];
  return (
    <dl className="rules" data-testid="tradeoffs-rules">
      {items.map(([term, rule]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{rule}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What each implementation costs besides latency (`harness tradeoffs`). */
export function TradeoffsView() {
  const answer = useApi<TradeoffsResponse>(apiPaths.tradeoffs());
  if (answer.state === 'loading') return <Loading what="trade-offs" />;
  if (answer.state === 'error') return <ErrorBox error={answer.error} />;
  if (answer.data.state === 'none') {
    return (
      <div className="view" data-testid="view-tradeoffs">
        <EmptyState command="npm run harness -- tradeoffs">No trade-offs measured yet. Measure build times, sizes, dependencies, code and safety findings with:</EmptyState>
      </div>
    );
  }
  const result = answer.data.result;
  const rows = tradeoffsRows(result);
  return (
    <div className="view" data-testid="view-tradeoffs">
      <Card title="Trade-offs besides latency" note={<Noise result={result} />} testId="tradeoffs-card">
        <table className="data" data-testid="tradeoffs-table">
          <thead>
            <tr>
              <th>processor</th>
              {TRADEOFFS_COLUMNS.map((c) => (
                <th key={c.key}>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.processor} data-row={r.processor}>
                <td title={r.toolchain ?? undefined}>
                  {r.processor} <span className="note">{r.language}</span>
                </td>
                {TRADEOFFS_COLUMNS.map((c) => {
                  const cell = r.cells[c.key];
                  return (
                    <td key={c.key} data-cell={c.key} data-status={cell.status} title={cell.detail}>
                      {cell.status === 'measured' ? <Num>{cell.text}</Num> : <span className={`status ${cell.status}`}>{cell.text}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="note" data-testid="tradeoffs-safety-tools">
          Safety checkers: {result.processors.map((p) => `${p.name}: ${safetyTool(p)}`).join(' · ')}
        </p>
      </Card>
      <Card title="Build time (median)" note="cold: nothing compiled before is reused; incremental: after a one-line change to one source file" testId="chart-builds">
        <BuildTimeBars points={buildPoints(result)} />
      </Card>
      <Card title="How each figure is counted">
        <Rules result={result} />
      </Card>
    </div>
  );
}
