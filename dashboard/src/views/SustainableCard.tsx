import { apiPaths } from '../../../harness/src/serve/api-paths.ts';
import type { SweepsResponse } from '../../../harness/src/serve/api-types.ts';
import { useApi } from '../api/useApi.ts';
import { Card } from '../components/Card.tsx';
import { Num } from '../components/Num.tsx';
import { formatRate } from '../format/quantity.ts';

/** The Overview's card: each processor's sustainable throughput in the newest sweep of the scenario; nothing when there is none. */
export function SustainableCard({ scenario }: { scenario: string }) {
  const answer = useApi<SweepsResponse>(apiPaths.sweeps({ scenario, limit: 1 }));
  // The Overview is about the run: a sweep that is missing or cannot be read leaves no gap or error in it.
  if (answer.state !== 'ok') return null;
  const sweep = answer.data.sweeps[0];
  if (!sweep) return null;
  const rows = sweep.sustainable.filter((s) => s.scenario === scenario);
  return (
    <Card title={`Sustainable throughput — ${scenario}`} note={<>under the SLO, newest sweep (<a href={`#view=load&sweep=${encodeURIComponent(sweep.id)}&scenario=${encodeURIComponent(scenario)}`}>{sweep.id}</a>)</>} testId="overview-sustainable">
      <table className="data">
        <tbody>
          {rows.map((s) => (
            <tr key={s.processor} data-row={s.processor}>
              <td>{s.processor}</td>
              <td data-cell="requests">
                <Num>{`${s.lower_bound ? '≥ ' : ''}${formatRate(s.rate_per_s, 'req/s')}`}</Num>
              </td>
              <td data-cell="events">{s.events_per_s > 0 ? <Num>{formatRate(s.events_per_s, 'events/s')}</Num> : null}</td>
              <td data-cell="confirmed" className="note">
                {s.lower_bound ? 'at least (driver-limited)' : s.confirmed ? 'confirmed' : 'not confirmed'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
