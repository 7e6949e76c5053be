import { useState } from 'react';
import { CartesianGrid, ComposedChart, ErrorBar, Legend, ReferenceLine, ResponsiveContainer, Scatter, XAxis, YAxis } from 'recharts';
import { processorColor, REGRESSION } from '../components/colors.ts';
import { formatDuration } from '../format/duration.ts';
import { formatRate } from '../format/quantity.ts';
import { type LoadChartPoint, type LoadPercentile, type LoadSeries, PERCENTILE_LABELS, stepFigures } from '../shape/load.ts';
import type { SloLine } from '../../../harness/src/sweep/curve-view.ts';

const DASH: Record<LoadPercentile, string | undefined> = { p50: '2 3', p99: undefined, p999: '6 3' };
const RADIUS: Record<LoadPercentile, number> = { p50: 3, p99: 4, p999: 3 };
/** Unsustainable steps stay visible (they show where the curve turns) but recede. */
const FADED_OPACITY = 0.3;

interface Hovered {
  point: LoadChartPoint;
  x: number;
  y: number;
}

/** recharts' own tooltip picks a series by index, not the dot under the pointer: the dot says what it is instead. */
function StepTooltip({ hovered }: { hovered: Hovered }) {
  const p = hovered.point;
  return (
    <div className="tooltip load-tooltip" data-testid="load-tooltip" style={{ left: hovered.x + 14, top: hovered.y + 14 }}>
      <strong>
        {p.processor} {PERCENTILE_LABELS[p.percentile]} <span className="num">{formatDuration(p.value_us)}</span>
      </strong>
      <table>
        <tbody>
          {stepFigures(p.step).map(([k, v]) => (
            <tr key={k}>
              <td>{k}</td>
              <td className="num">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A point of the curve: faded when the step missed the SLO, ringed when it is the sustainable one. */
function StepDot(props: { cx?: number; cy?: number; payload?: LoadChartPoint; fill?: string; onHover: (h: Hovered | null) => void }) {
  const { cx, cy, payload: p, fill, onHover } = props;
  if (cx === undefined || cy === undefined || !p) return <g />;
  return (
    <g
      data-testid="load-point"
      data-processor={p.processor}
      data-percentile={p.percentile}
      data-stage={p.step.stage}
      data-offered={p.step.offered_rate_per_s}
      data-sustainable={String(p.sustainable)}
      data-marked={String(p.is_sustainable_point)}
      opacity={p.sustainable ? 1 : FADED_OPACITY}
      onMouseEnter={() => onHover({ point: p, x: cx, y: cy })}
      onMouseLeave={() => onHover(null)}
    >
      <circle cx={cx} cy={cy} r={RADIUS[p.percentile]} fill={fill} />
      {p.is_sustainable_point ? <circle cx={cx} cy={cy} r={9} fill="none" stroke={fill} strokeWidth={2} /> : null}
    </g>
  );
}

/** p50/p99/p99.9 against the achieved rate, both axes logarithmic, with the SLO bounds. */
export function LoadChart({ series, slo, xDomain, yDomain }: { series: LoadSeries[]; slo: SloLine[]; xDomain: [number, number]; yDomain: [number, number] }) {
  const [hovered, setHovered] = useState<Hovered | null>(null);
  return (
    <div className="load-chart">
      <ResponsiveContainer width="100%" height={420}>
        <ComposedChart margin={{ top: 12, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="achieved_rate_per_s" scale="log" domain={xDomain} allowDataOverflow tickFormatter={(v: number) => formatRate(v, '/s')} name="achieved" label={{ value: 'achieved requests/s', position: 'insideBottomRight', offset: -4 }} />
          <YAxis type="number" dataKey="value_us" scale="log" domain={yDomain} allowDataOverflow tickFormatter={(v: number) => formatDuration(v)} width={84} name="latency" />
          <Legend />
          {slo.map((l) => (
            <ReferenceLine key={l.label} y={l.max_us} stroke={REGRESSION} strokeDasharray="8 4" label={{ value: `SLO ${l.label}`, position: 'insideTopLeft', fill: REGRESSION, fontSize: 11 }} />
          ))}
          {series.map((s) => {
            const color = processorColor(s.processor);
            return (
              <Scatter
                key={`${s.processor}-${s.percentile}`}
                name={`${s.processor} ${PERCENTILE_LABELS[s.percentile]}`}
                data={s.points}
                fill={color}
                line={{ stroke: color, strokeDasharray: DASH[s.percentile], strokeOpacity: 0.6 }}
                shape={(props: object) => <StepDot {...props} onHover={setHovered} />}
                isAnimationActive={false}
              >
                <ErrorBar dataKey="whisker_us" direction="y" width={4} stroke={color} strokeWidth={1} />
              </Scatter>
            );
          })}
        </ComposedChart>
      </ResponsiveContainer>
      {hovered ? <StepTooltip hovered={hovered} /> : null}
    </div>
  );
}
