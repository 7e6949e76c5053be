import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { byteUnitFor, formatBytes } from '../format/bytes.ts';
import { processorColor } from '../components/colors.ts';
import type { Timeline } from '../shape/timeline.ts';

/** RSS per processor; shaded: warmup; before 0: idle (started, preloaded, no load). */
export function MemoryTimeChart({ timeline }: { timeline: Timeline }) {
  const max = Math.max(1, ...timeline.series.flatMap((s) => s.points.map((p) => p.value)));
  const unit = byteUnitFor(max);
  return (
    <ResponsiveContainer width="100%" height={360}>
      <LineChart margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="t_s" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => `${v.toFixed(1)} s`} allowDuplicatedCategory={false} />
        <YAxis type="number" domain={[0, 'auto']} tickFormatter={(v: number) => formatBytes(v, unit)} width={84} />
        <Tooltip formatter={(v) => formatBytes(Number(v))} labelFormatter={(t) => `t = ${Number(t).toFixed(2)} s`} />
        <Legend />
        {timeline.measure_start_s !== null ? (
          <ReferenceArea x1={0} x2={timeline.measure_start_s} fill="#e5e7eb" fillOpacity={0.5} label={{ value: 'warmup', position: 'insideTop', fill: '#6b7280' }} />
        ) : null}
        <ReferenceLine x={0} stroke="#6b7280" strokeDasharray="2 2" />
        {timeline.series.map((s) => (
          <Line key={s.processor} data={s.points.map((p) => ({ t_s: p.t_s, rss: p.value }))} dataKey="rss" name={`${s.processor} RSS`} stroke={processorColor(s.processor)} dot={false} strokeWidth={2} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
