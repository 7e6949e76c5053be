import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatShare } from '../format/quantity.ts';
import { CAUSE_ORDER, CAUSES, type TailBarDatum } from '../shape/tail.ts';

function TailTooltip({ active, payload }: { active?: boolean; payload?: Array<{ payload?: TailBarDatum }> }) {
  const d = payload?.[0]?.payload;
  if (!active || !d) return null;
  return (
    <div className="tooltip" data-testid="tail-tooltip">
      <strong>{d.label}</strong>: <span className="num">{d.slow}</span> slow requests, pooled over repetitions
      <table>
        <tbody>
          {CAUSE_ORDER.map((c) => (
            <tr key={c} data-cause={c}>
              <td>{CAUSES[c].label}</td>
              <td className="num" data-cell="count">{d[`${c}_count` as const] ?? 0}</td>
              <td className="num" data-cell="share">{formatShare(d[c] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const BAR_PX = 22;

/** One horizontal bar per processor and tail (p99, p99.9), stacked by cause, 0–100 %. */
export function TailBars({ data }: { data: TailBarDatum[] }) {
  return (
    <ResponsiveContainer width="100%" height={70 + data.length * (BAR_PX + 10)}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }} barSize={BAR_PX}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(v: number) => `${v * 100}%`} />
        <YAxis type="category" dataKey="label" width={136} />
        <Tooltip content={<TailTooltip />} cursor={{ fill: '#f3f4f6' }} />
        {/* In precedence order (the default sorts by name), in the text colour: the pale causes are unreadable as text. */}
        <Legend itemSorter={null} formatter={(value) => <span style={{ color: '#111827' }}>{value}</span>} />
        {CAUSE_ORDER.map((c) => (
          <Bar key={c} dataKey={c} name={CAUSES[c].label} stackId="tail" fill={CAUSES[c].color} stroke="#fff" strokeWidth={0.5} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
