import { Num } from '../components/Num.tsx';
import { formatBytes } from '../format/bytes.ts';
import { formatDuration } from '../format/duration.ts';
import { formatChange, formatRate } from '../format/quantity.ts';
import { COMPARE_METRICS, type CompareRow, type MetricKind } from '../shape/compare.ts';

const FORMAT: Record<MetricKind, (v: number) => string> = {
  duration: (v) => formatDuration(v),
  bytes: (v) => formatBytes(v),
  rate: (v) => formatRate(v, 'req/s'),
  cpu: (v) => v.toFixed(3),
};

export function CompareTable({ rows }: { rows: CompareRow[] }) {
  return (
    <table className="data compare" data-testid="compare-table">
      <thead>
        <tr>
          <th>scenario</th>
          <th>processor</th>
          {COMPARE_METRICS.map((m) => (
            <th key={m.key}>{m.label} (a → b)</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.scenario}/${r.processor}`} data-row={`${r.scenario}/${r.processor}`}>
            <td>{r.scenario}</td>
            <td>{r.processor}</td>
            {r.cells.map((c) => (
              <td key={c.metric.key} className={c.verdict} data-cell={c.metric.key} data-verdict={c.verdict} title={c.verdict}>
                <Num>
                  {c.a === null ? '—' : FORMAT[c.metric.kind](c.a)} → {c.b === null ? '—' : FORMAT[c.metric.kind](c.b)}
                </Num>
                {c.change !== null ? <Num className="change"> {formatChange(c.change)}</Num> : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
