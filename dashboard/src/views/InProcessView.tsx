import { apiPaths, MICROBENCH_LIST_LIMIT } from '../../../harness/src/serve/api-paths.ts';
import type { MicrobenchListResponse, MicrobenchResponse, MicrobenchView } from '../../../harness/src/serve/api-types.ts';
import type { MicrobenchSummary } from '../../../harness/src/store/microbench-types.ts';
import { useApi } from '../api/useApi.ts';
import { Card } from '../components/Card.tsx';
import { Num } from '../components/Num.tsx';
import { EmptyState, ErrorBox, Loading } from '../components/StateViews.tsx';
import { formatNanos } from '../format/nanos.ts';
import { formatRate } from '../format/quantity.ts';
import { inProcessGroups, pointOf, type Estimate, type InProcessGroup } from '../shape/inprocess.ts';
import { InProcessChart } from './InProcessChart.tsx';

function resultLabel(s: MicrobenchSummary): string {
  return `${s.created_at.slice(0, 16).replace('T', ' ')}  ${s.git_commit?.slice(0, 7) ?? 'nogit'}  ${s.smoke ? 'smoke  ' : ''}${s.implementations.join(', ')}  ${s.id}`;
}

function Interval({ e, format }: { e: Estimate; format: (v: number) => string }) {
  return <Num className="ci">{e.low === null || e.high === null ? '—' : `[${format(e.low)} – ${format(e.high)}]`}</Num>;
}

function FunctionCard({ group }: { group: InProcessGroup }) {
  const rate = (v: number) => formatRate(v, `${group.unit}/s`);
  const rows = group.batches.flatMap((batch) => [...group.points.get(batch)!.values()]);
  return (
    <Card title={group.name} note={`left: time per call (a call handles one batch of ${group.unit}); right: ${group.unit} per second; logarithmic axes; whiskers: 95% interval of the median`} testId={`inprocess-${group.name}`}>
      <div className="grid">
        <InProcessChart group={group} metric="ns_per_call" format={formatNanos} testId={`chart-ns-${group.name}`} />
        <InProcessChart group={group} metric="items_per_s" format={rate} tickFormat={(v) => formatRate(v, '/s')} testId={`chart-rate-${group.name}`} />
      </div>
      <table className="data" data-testid={`table-${group.name}`}>
        <thead>
          <tr>
            <th>batch</th>
            <th>implementation</th>
            <th>median / call</th>
            <th>95% interval</th>
            <th>{group.unit}/s</th>
            <th>95% interval</th>
            <th>samples</th>
            <th>calls</th>
            <th>tool</th>
            <th>runtime</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ record: r }) => {
            const p = pointOf(r);
            return (
              <tr key={`${r.batch_size}/${r.implementation}`} data-row={`${r.name}/${r.batch_size}/${r.implementation}`}>
                <td><Num>{r.batch_size}</Num></td>
                <td>{r.implementation}</td>
                <td data-cell="median"><Num>{formatNanos(r.median_ns)}</Num></td>
                <td data-cell="interval"><Interval e={p.ns_per_call} format={formatNanos} /></td>
                <td data-cell="rate"><Num>{rate(p.items_per_s.value)}</Num></td>
                <td><Interval e={p.items_per_s} format={rate} /></td>
                <td><Num>{r.samples}</Num></td>
                <td><Num>{r.iterations}</Num></td>
                <td>{r.tool}</td>
                <td>{r.runtime}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}

function ResultBody({ result }: { result: MicrobenchView }) {
  const notRun = (result.sources ?? []).filter((s) => s.status !== 'ok');
  return (
    <>
      {result.smoke ? (
        <p className="warn" data-testid="smoke-warning">
          A smoke run (<code>--smoke</code>): it proves each tool's output reaches the store; its figures mean nothing.
        </p>
      ) : null}
      {notRun.length ? (
        <ul className="note" data-testid="sources-not-run">
          {notRun.map((s) => (
            <li key={s.name} data-source={s.name} data-status={s.status}>
              {s.name}: {s.status} — {s.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {inProcessGroups(result.results).map((g) => (
        <FunctionCard key={`${g.name}/${g.unit}`} group={g} />
      ))}
    </>
  );
}

/**
 * The in-process micro-benchmarks of one `harness microbench` result: per function, the time of
 * one call and the items per second of every implementation (each language's own tool, the Rust
 * core through N-API and PyO3), side by side.
 */
export function InProcessView({ id, onPick }: { id: string | undefined; onPick: (id: string) => void }) {
  const list = useApi<MicrobenchListResponse>(apiPaths.microbenchList({ limit: MICROBENCH_LIST_LIMIT }));
  const results = list.state === 'ok' ? list.data.results : [];
  const selected = id ?? results[0]?.id;
  const answer = useApi<MicrobenchResponse>(selected === undefined ? null : apiPaths.microbench(selected));
  let body;
  if (list.state === 'loading') body = <Loading what="micro-benchmark results" />;
  else if (list.state === 'error') body = <ErrorBox error={list.error} />;
  else if (selected === undefined) {
    body = <EmptyState command="npm run microbench">No micro-benchmark results in the store yet. Record them (every language's tool, and the Python FFI) with:</EmptyState>;
  } else if (answer.state === 'loading') body = <Loading what="the result" />;
  else if (answer.state === 'error') body = <ErrorBox error={answer.error} />;
  else body = <ResultBody result={answer.data.result} />;
  return (
    <div className="view" data-testid="view-inprocess">
      {results.length && selected !== undefined ? (
        <div className="pickers">
          <label className="picker">
            result{' '}
            <select value={selected} onChange={(e) => onPick(e.target.value)} data-testid="pick-microbench">
              {results.some((r) => r.id === selected) ? null : <option value={selected}>{selected}</option>}
              {results.map((r) => (
                <option key={r.id} value={r.id}>
                  {resultLabel(r)}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {body}
    </div>
  );
}
