import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { durationUnitFor, formatDuration } from '../format/duration.ts';
import type { OverviewRow } from '../shape/overview.ts';
import { processorColor } from '../components/colors.ts';

/**
 * p99 and p99.9 per processor with the figure's 95% interval over repetitions (t on logs) as error
 * bars, and the clean p99 beside the raw one when the run recorded it (v1 runs draw the two raw bars only).
 */
export function LatencyBars({ rows }: { rows: OverviewRow[] }) {
  const data = rows.map((r) => ({
    processor: r.processor,
    p99: r.p99_us.estimate,
    p99_err: [r.p99_us.estimate - r.p99_us.low, r.p99_us.high - r.p99_us.estimate],
    p99_clean: r.p99_clean_us?.estimate,
    p99_clean_err: r.p99_clean_us ? [r.p99_clean_us.estimate - r.p99_clean_us.low, r.p99_clean_us.high - r.p99_clean_us.estimate] : undefined,
    p999: r.p999_us.estimate,
    p999_err: [r.p999_us.estimate - r.p999_us.low, r.p999_us.high - r.p999_us.estimate],
  }));
  const anyClean = rows.some((r) => r.p99_clean_us !== null);
  const unit = durationUnitFor(Math.max(0, ...rows.map((r) => r.p999_us.high)));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="processor" />
        <YAxis tickFormatter={(v: number) => formatDuration(v, unit)} width={72} />
        <Tooltip formatter={(v) => formatDuration(Number(v))} />
        <Bar dataKey="p99" name="p99" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.processor} fill={processorColor(d.processor)} />
          ))}
          <ErrorBar dataKey="p99_err" width={6} stroke="#111827" strokeWidth={1.5} />
        </Bar>
        {anyClean ? (
          <Bar dataKey="p99_clean" name="p99 clean" isAnimationActive={false} fillOpacity={0.75}>
            {data.map((d) => (
              <Cell key={d.processor} fill={processorColor(d.processor)} stroke="#111827" strokeDasharray="3 2" />
            ))}
            <ErrorBar dataKey="p99_clean_err" width={6} stroke="#111827" strokeWidth={1.5} />
          </Bar>
        ) : null}
        <Bar dataKey="p999" name="p99.9" isAnimationActive={false} fillOpacity={0.45}>
          {data.map((d) => (
            <Cell key={d.processor} fill={processorColor(d.processor)} />
          ))}
          <ErrorBar dataKey="p999_err" width={6} stroke="#111827" strokeWidth={1.5} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
