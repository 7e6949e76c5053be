import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { durationUnitFor, formatDuration } from '../format/duration.ts';
import { IMPROVEMENT, REGRESSION } from '../components/colors.ts';
import type { CompareRow } from '../shape/compare.ts';

const VERDICT_FILL = { regression: REGRESSION, improvement: IMPROVEMENT, unchanged: '#9ca3af', missing: '#e5e7eb' } as const;

/** p99 of run a (grey) beside run b, b coloured by the verdict. */
export function CompareChart({ rows }: { rows: CompareRow[] }) {
  const data = rows.map((r) => {
    const cell = r.cells.find((c) => c.metric.key === 'p99')!;
    return { processor: r.processor, a: cell.a ?? 0, b: cell.b ?? 0, verdict: cell.verdict };
  });
  const unit = durationUnitFor(Math.max(0, ...data.map((d) => Math.max(d.a, d.b))));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="processor" />
        <YAxis tickFormatter={(v: number) => formatDuration(v, unit)} width={72} />
        <Tooltip formatter={(v) => formatDuration(Number(v))} />
        <Legend />
        <Bar dataKey="a" name="p99, run a" fill="#cbd5e1" isAnimationActive={false} />
        <Bar dataKey="b" name="p99, run b" fill="#64748b" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.processor} fill={VERDICT_FILL[d.verdict]} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
