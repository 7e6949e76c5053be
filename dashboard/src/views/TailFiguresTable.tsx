import { Num } from '../components/Num.tsx';
import { formatDuration } from '../format/duration.ts';
import { formatShare } from '../format/quantity.ts';
import { median } from '../shape/figure-interval.ts';
import type { OverviewRow } from '../shape/overview.ts';
import type { TailProcessor } from '../shape/tail.ts';
import { WithCi } from './OverviewTable.tsx';

const us = (v: number) => formatDuration(v);

/** Per processor: raw and clean p99 over repetitions, how much was set aside, and the pooled slow counts. */
export function TailFiguresTable({ tails, rows }: { tails: readonly TailProcessor[]; rows: readonly OverviewRow[] }) {
  return (
    <table className="data" data-testid="tail-figures-table">
      <thead>
        <tr>
          <th>processor</th>
          <th>reps</th>
          <th>p99 [95% CI]</th>
          <th>p99 clean [95% CI]</th>
          <th title="share of the measure phase's requests left out of the clean figures, median over repetitions">set aside</th>
          <th>slow &gt; p99</th>
          <th>slow &gt; p99.9</th>
        </tr>
      </thead>
      <tbody>
        {tails.map((t) => {
          const row = rows.find((r) => r.processor === t.processor);
          return (
            <tr key={t.processor} data-row={t.processor}>
              <td>{t.processor}</td>
              <td><Num>{row ? `${row.repetitions_ok}/${row.repetitions_total}` : '—'}</Num></td>
              <td data-cell="p99">{row && row.repetitions_ok ? <WithCi e={row.p99_us} format={us} /> : '—'}</td>
              {t.state === 'recorded' ? (
                <>
                  <td data-cell="p99_clean">{row?.p99_clean_us ? <WithCi e={row.p99_clean_us} format={us} /> : '—'}</td>
                  <td data-cell="set_aside">
                    <Num>{formatShare(median(t.repetitions.flatMap((r) => (r.set_aside_share === null ? [] : [r.set_aside_share]))))}</Num>
                  </td>
                  <td data-cell="slow_p99"><Num>{t.p99.slow}</Num></td>
                  <td data-cell="slow_p999"><Num>{t.p999.slow}</Num></td>
                </>
              ) : (
                <td colSpan={4} data-cell="p99_clean"><span className="status">{t.reason}</span></td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
