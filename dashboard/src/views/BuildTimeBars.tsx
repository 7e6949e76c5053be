import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration } from '../format/duration.ts';
import type { BuildPoint } from '../shape/tradeoffs.ts';

/** Median cold and incremental build time per processor, on one seconds axis. */
export function BuildTimeBars({ points }: { points: BuildPoint[] }) {
  const fmt = (v: number) => formatDuration(v * 1e6);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} maxBarSize={72}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="processor" />
        <YAxis tickFormatter={(v: number) => `${v} s`} width={56} />
        <Tooltip formatter={(v) => fmt(Number(v))} />
        <Legend />
        <Bar dataKey="cold_s" name="cold build" fill="#475569" isAnimationActive={false} />
        <Bar dataKey="incremental_s" name="incremental rebuild" fill="#0891b2" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
