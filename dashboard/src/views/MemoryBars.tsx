import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { byteUnitFor, formatBytes } from '../format/bytes.ts';
import type { OverviewRow } from '../shape/overview.ts';
import { processorColor } from '../components/colors.ts';

/** Steady (median over the measure phase) and peak RSS per processor. */
export function MemoryBars({ rows }: { rows: OverviewRow[] }) {
  const data = rows.map((r) => ({
    processor: r.processor,
    steady: r.steady_rss_bytes.estimate,
    steady_err: [r.steady_rss_bytes.estimate - r.steady_rss_bytes.low, r.steady_rss_bytes.high - r.steady_rss_bytes.estimate],
    peak: r.peak_rss_bytes.estimate,
  }));
  const unit = byteUnitFor(Math.max(0, ...data.map((d) => d.peak)));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="processor" />
        <YAxis tickFormatter={(v: number) => formatBytes(v, unit)} width={80} />
        <Tooltip formatter={(v) => formatBytes(Number(v))} />
        <Bar dataKey="steady" name="steady RSS" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.processor} fill={processorColor(d.processor)} />
          ))}
          <ErrorBar dataKey="steady_err" width={6} stroke="#111827" strokeWidth={1.5} />
        </Bar>
        <Bar dataKey="peak" name="peak RSS" isAnimationActive={false} fillOpacity={0.45}>
          {data.map((d) => (
            <Cell key={d.processor} fill={processorColor(d.processor)} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
