import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { processorColor, REGRESSION } from '../components/colors.ts';
import { lttb } from '../shape/lttb.ts';
import { MAX_POINTS_PER_SERIES } from '../shape/timeline.ts';
import type { TrendPoint, TrendSeries } from '../shape/trends.ts';

interface TooltipPayload {
  payload?: TrendPoint;
  name?: string;
}

function TrendTooltip({ active, payload, format }: { active?: boolean; payload?: TooltipPayload[]; format: (v: number) => string }) {
  const first = payload?.[0];
  if (!active || !first?.payload) return null;
  const p = first.payload;
  return (
    <div className="tooltip">
      <div className="num">{p.run_id}</div>
      <div>
        {p.git_branch}@<span className="num">{p.git_sha.slice(0, 7)}</span> · {p.started_at.slice(0, 16).replace('T', ' ')}
      </div>
      {(payload ?? []).map((x) => (
        <div key={x.name}>
          {x.name}: <span className="num">{x.payload ? `${x.payload.lower_bound ? '≥ ' : ''}${format(x.payload.value)}` : ''}</span>
          {x.payload?.lower_bound ? <span className="note"> (driver-limited)</span> : null}
          {x.payload?.regression ? <strong className="regression"> regression</strong> : null}
        </div>
      ))}
    </div>
  );
}

/** One metric over runs (oldest left), a line per processor, regressions as red dots. */
export function TrendChart({ series, format }: { series: TrendSeries[]; format: (v: number) => string }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <ComposedChart margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="index" domain={['dataMin', 'dataMax']} allowDecimals={false} tickFormatter={(v: number) => `#${v + 1}`} allowDuplicatedCategory={false} />
        <YAxis type="number" dataKey="value" tickFormatter={format} width={84} domain={['auto', 'auto']} />
        <Tooltip content={<TrendTooltip format={format} />} />
        <Legend />
        {series.map((s) => (
          <Line key={s.processor} data={lttb(s.points, MAX_POINTS_PER_SERIES, (p) => p.index, (p) => p.value)} dataKey="value" name={s.processor} stroke={processorColor(s.processor)} dot={s.points.length <= 60} strokeWidth={2} isAnimationActive={false} />
        ))}
        {series.map((s) => {
          const flagged = s.points.filter((p) => p.regression);
          return flagged.length ? (
            <Scatter key={`reg-${s.processor}`} data={flagged} dataKey="value" name={`${s.processor} regression`} fill={REGRESSION} isAnimationActive={false} legendType="none" />
          ) : null;
        })}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
