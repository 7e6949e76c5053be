import { Num } from '../components/Num.tsx';
import { formatBytes } from '../format/bytes.ts';
import { formatDuration } from '../format/duration.ts';
import { formatRate, formatRatio } from '../format/quantity.ts';
import type { Estimate } from '../shape/figure-interval.ts';
import type { OverviewRow } from '../shape/overview.ts';

/** A median with its interval over repetitions (none for a single repetition). */
export function WithCi({ e, format }: { e: Estimate; format: (v: number) => string }) {
  return (
    <>
      <Num>{format(e.estimate)}</Num>
      {e.interval ? (
        <Num className="ci">
          {' '}[{format(e.low)} – {format(e.high)}]
        </Num>
      ) : null}
    </>
  );
}

/** Every number of the overview, one row per scenario × processor. */
export function OverviewTable({ rows }: { rows: OverviewRow[] }) {
  return (
    <table className="data" data-testid="overview-table">
      <thead>
        <tr>
          <th>scenario</th>
          <th>processor</th>
          <th>reps</th>
          <th>p99 [95% CI]</th>
          <th>× baseline</th>
          <th title="the processor's own p99: requests delayed by platform stalls or by the driver set aside">p99 clean [95% CI]</th>
          <th>p99.9 [95% CI]</th>
          <th>× baseline</th>
          <th>steady RSS</th>
          <th>peak RSS</th>
          <th>achieved rate</th>
          <th>capacity</th>
          <th>CPU s / M events</th>
          <th>GC pauses (total, count)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.scenario}/${r.processor}`} data-row={`${r.scenario}/${r.processor}`} className={r.is_baseline ? 'baseline' : ''}>
            <td>{r.scenario}</td>
            <td>
              {r.processor}
              {r.is_baseline ? ' (baseline)' : ''}
              {r.driver_limited ? ' ⚠ driver-limited' : ''}
            </td>
            <td><Num>{r.repetitions_ok}/{r.repetitions_total}</Num></td>
            <td data-cell="p99"><WithCi e={r.p99_us} format={(v) => formatDuration(v)} /></td>
            <td><Num>{r.p99_ratio === null ? '—' : formatRatio(r.p99_ratio)}</Num></td>
            <td data-cell="p99_clean">{r.p99_clean_us ? <WithCi e={r.p99_clean_us} format={(v) => formatDuration(v)} /> : <span className="status">{r.clean_recorded ? '—' : 'not recorded (v1 run)'}</span>}</td>
            <td data-cell="p999"><WithCi e={r.p999_us} format={(v) => formatDuration(v)} /></td>
            <td><Num>{r.p999_ratio === null ? '—' : formatRatio(r.p999_ratio)}</Num></td>
            <td data-cell="steady_rss"><Num>{formatBytes(r.steady_rss_bytes.estimate)}</Num></td>
            <td><Num>{formatBytes(r.peak_rss_bytes.estimate)}</Num></td>
            <td><Num>{formatRate(r.achieved_rate_per_s, 'req/s')}</Num></td>
            <td>
              <Num>
                {r.capacity_events_per_s ? formatRate(r.capacity_events_per_s, 'events/s') : r.capacity_requests_per_s !== null ? formatRate(r.capacity_requests_per_s, 'req/s') : '—'}
              </Num>
            </td>
            <td><Num>{r.cpu_s_per_million_events ? r.cpu_s_per_million_events.estimate.toFixed(3) : '—'}</Num></td>
            <td>
              <Num>{r.gc_pause_total_us ? `${formatDuration(r.gc_pause_total_us.estimate)}, ${r.gc_count ?? 0}` : 'no collector'}</Num>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
