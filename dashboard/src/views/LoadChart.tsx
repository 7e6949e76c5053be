import { CartesianGrid, ComposedChart, ErrorBar, Legend, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { processorColor, REGRESSION } from '../components/colors.ts';
import { formatDuration } from '../format/duration.ts';
import { formatRate } from '../format/quantity.ts';
import { type LoadChartPoint, type LoadPercentile, type LoadSeries, PERCENTILE_LABELS, stepFigures } from '../shape/load.ts';
import type { SloLine } from '../../../harness/src/sweep/curve-view.ts';

const DASH: Record<LoadPercentile, string | undefined> = { p50: '2 3', p99: undefined, p999: '6 3' };
const RADIUS: Record<LoadPercentile, number> = { p50: 3, p99: 4, p999: 3 };
/** Unsustainable steps stay visible (they show where the curve turns) but recede. */
const FADED_OPACITY = 0.3;

function StepTooltip({ active, payload }: { active?: boolean; payload?: Array<{ payload?: LoadChartPoint }> }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="tooltip" data-testid="load-tooltip">
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
function StepDot(props: { cx?: number; cy?: number; payload?: LoadChartPoint; fill?: string }) {
  const { cx, cy, payload: p, fill } = props;
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
    >
      <circle cx={cx} cy={cy} r={RADIUS[p.percentile]} fill={fill} />
      {p.is_sustainable_point ? <circle cx={cx} cy={cy} r={9} fill="none" stroke={fill} strokeWidth={2} /> : null}
    </g>
  );
}

/** p50/p99/p99.9 against the achieved rate, both axes logarithmic, with the SLO bounds. */
export function LoadChart({ series, slo, xDomain, yDomain }: { series: LoadSeries[]; slo: SloLine[]; xDomain: [number, number]; yDomain: [number, number] }) {
  return (
    <ResponsiveContainer width="100%" height={420}>
      <ComposedChart margin={{ top: 12, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="achieved_rate_per_s" scale="log" domain={xDomain} allowDataOverflow tickFormatter={(v: number) => formatRate(v, '/s')} name="achieved" label={{ value: 'achieved requests/s', position: 'insideBottomRight', offset: -4 }} />
        <YAxis type="number" dataKey="value_us" scale="log" domain={yDomain} allowDataOverflow tickFormatter={(v: number) => formatDuration(v)} width={84} name="latency" />
        <Tooltip content={<StepTooltip />} isAnimationActive={false} />
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
              shape={<StepDot />}
              isAnimationActive={false}
            >
              <ErrorBar dataKey="whisker_us" direction="y" width={4} stroke={color} strokeWidth={1} />
            </Scatter>
          );
        })}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
