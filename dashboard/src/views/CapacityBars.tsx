import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatRate } from '../format/quantity.ts';
import type { OverviewRow } from '../shape/overview.ts';
import { processorColor } from '../components/colors.ts';

/** Closed-loop capacity per processor: events/s when the scenario carries events, else requests/s. */
export function CapacityBars({ rows }: { rows: OverviewRow[] }) {
  const events = rows.some((r) => (r.capacity_events_per_s ?? 0) > 0);
  const unit = events ? 'events/s' : 'req/s';
  const data = rows.map((r) => ({ processor: r.processor, value: (events ? r.capacity_events_per_s : r.capacity_requests_per_s) ?? 0 }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="processor" />
        <YAxis tickFormatter={(v: number) => formatRate(v, '')} width={64} />
        <Tooltip formatter={(v) => formatRate(Number(v), unit)} />
        <Bar dataKey="value" name={`capacity (${unit})`} isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.processor} fill={processorColor(d.processor)} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
