import type { PercentileInterval } from '../../../harness/src/results/schema.ts';
import { Num } from '../components/Num.tsx';
import { formatDuration } from '../format/duration.ts';
import { formatShare } from '../format/quantity.ts';
import { CAUSE_ORDER, CAUSES, type TailProcessor } from '../shape/tail.ts';

/** "2.30 ms [2.16 – 2.84 ms]"; an open bound (too few requests beyond it) shows as "?". */
function Interval({ p }: { p: PercentileInterval | null }) {
  if (!p) return <span className="status">—</span>;
  const bound = (v: number | null) => (v === null ? '?' : formatDuration(v));
  return (
    <>
      <Num>{formatDuration(p.value_us)}</Num>
      <Num className="ci"> [{bound(p.lo_us)} – {bound(p.hi_us)}]</Num>
    </>
  );
}

/** Every repetition of every processor that recorded its tail: its own figures, and its p99 causes as counts. */
export function TailRepetitionTable({ tails }: { tails: readonly TailProcessor[] }) {
  return (
    <table className="data" data-testid="tail-repetition-table">
      <thead>
        <tr>
          <th>processor</th>
          <th>rep</th>
          <th>p99 [95% CI]</th>
          <th>p99 clean [95% CI]</th>
          <th>set aside</th>
          <th>stalls × idle</th>
          <th>slow &gt; p99</th>
          {CAUSE_ORDER.map((c) => (
            <th key={c} title={CAUSES[c].label}>
              <span className="swatch" style={{ background: CAUSES[c].color }} /> {CAUSES[c].short}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {tails.flatMap((t) =>
          t.state !== 'recorded'
            ? []
            : t.repetitions.map((r) => (
                <tr key={`${t.processor}/${r.repetition}`} data-row={`${t.processor}/${r.repetition}`}>
                  <td>{t.processor}</td>
                  <td><Num>{r.repetition}</Num></td>
                  <td data-cell="p99"><Interval p={r.raw_p99} /></td>
                  <td data-cell="p99_clean"><Interval p={r.clean_p99} /></td>
                  <td data-cell="set_aside"><Num>{r.set_aside_share === null ? '—' : formatShare(r.set_aside_share)}</Num></td>
                  <td data-cell="stalls_induced"><Num>{r.stalls_induced === null ? (r.stall_recorder ? '—' : 'no recorder') : `${r.stalls_induced.toFixed(2)}×`}</Num></td>
                  <td data-cell="slow_p99"><Num>{r.tail.p99.slow}</Num></td>
                  {CAUSE_ORDER.map((c) => (
                    <td key={c} data-cell={c}><Num>{r.tail.p99.counts[c]}</Num></td>
                  ))}
                </tr>
              )),
        )}
      </tbody>
    </table>
  );
}
