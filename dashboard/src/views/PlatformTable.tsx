import { Num } from '../components/Num.tsx';
import { formatDuration } from '../format/duration.ts';
import { formatShare } from '../format/quantity.ts';
import type { PlatformRow, RoleStalls } from '../shape/platform.ts';

function Stalls({ r }: { r: RoleStalls }) {
  return (
    <Num>
      {r.stalls} <span className="ci">({formatShare(r.stall_share)} of the time, CPU {r.cpus.join(',')})</span>
    </Num>
  );
}

/** One row per processor of the chosen repetition: the recorder's counts and the collector's cycles. */
export function PlatformTable({ rows }: { rows: readonly PlatformRow[] }) {
  return (
    <table className="data" data-testid="platform-table">
      <thead>
        <tr>
          <th>processor</th>
          <th>stalls, processor&apos;s CPU</th>
          <th>stalls, driver&apos;s CPU</th>
          <th>longest</th>
          <th title="the machine's stall share under this processor over the idle machine's, measured in the same run">stalls × idle</th>
          <th>recorder</th>
          <th>GC cycles (count, total)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.processor} data-row={r.processor}>
            <td>{r.processor}</td>
            {r.platform === 'recorded' ? (
              <>
                <td data-cell="stalls_processor_cpu"><Stalls r={r.processor_cpu} /></td>
                <td data-cell="stalls_driver_cpu"><Stalls r={r.driver_cpu} /></td>
                <td><Num>{formatDuration(Math.max(r.processor_cpu.max_stall_us, r.driver_cpu.max_stall_us))}</Num></td>
                <td data-cell="stalls_induced"><Num>{r.stalls_induced === null ? '—' : `${r.stalls_induced.toFixed(2)}×`}</Num></td>
                <td><Num>{r.scheduling}, ≥ {formatDuration(r.attribution_threshold_us)}</Num></td>
              </>
            ) : (
              <td colSpan={5} data-cell="stalls_processor_cpu"><span className="status">{r.platform}</span></td>
            )}
            <td data-cell="gc">
              {typeof r.gc === 'string' ? <span className="status">{r.gc}</span> : <Num>{r.gc.cycles}, {formatDuration(r.gc.total_us)}</Num>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
