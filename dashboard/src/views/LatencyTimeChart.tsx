import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { durationUnitFor, formatDuration } from '../format/duration.ts';
import { processorColor } from '../components/colors.ts';
import type { BandLane } from '../shape/bands.ts';
import { lttb } from '../shape/lttb.ts';
import { MAX_POINTS_PER_SERIES, type LatencyTimeline } from '../shape/timeline.ts';
import { BandLanesLayer, lanesHeightPx, X_AXIS_PX } from './BandLanesLayer.tsx';

const PLOT_HEIGHT_PX = 340;

/**
 * Per-second p99 (left axis) with each runtime pause as a marker at its start (right axis: its
 * length), and under the x axis one lane per processor and kind of platform stall and GC cycle.
 */
export function LatencyTimeChart({ timeline, lanes }: { timeline: LatencyTimeline; lanes: readonly BandLane[] }) {
  const maxP99 = Math.max(1, ...timeline.series.flatMap((s) => s.points.map((p) => p.value)));
  const maxPause = Math.max(1, ...timeline.pauses.map((p) => p.duration_us));
  const unit = durationUnitFor(maxP99);
  const pauseUnit = durationUnitFor(maxPause);
  const processors = [...new Set(timeline.pauses.map((p) => p.processor))];
  const lanesPx = lanesHeightPx(lanes.length);
  return (
    <ResponsiveContainer width="100%" height={PLOT_HEIGHT_PX + lanesPx}>
      {/* The wide left margin holds the lanes' labels. */}
      <ComposedChart margin={{ top: 8, right: 8, bottom: 8 + lanesPx, left: lanes.length ? 64 : 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="t_s" domain={[0, timeline.span_s]} height={X_AXIS_PX} tickFormatter={(v: number) => `${Number(v.toFixed(1))} s`} allowDuplicatedCategory={false} />
        <YAxis yAxisId="p99" type="number" tickFormatter={(v: number) => formatDuration(v, unit)} width={76} />
        <YAxis yAxisId="pause" orientation="right" type="number" tickFormatter={(v: number) => formatDuration(v, pauseUnit)} width={76} />
        <Tooltip formatter={(v, name) => (String(name).includes('p99') || String(name).includes('pause') ? formatDuration(Number(v)) : String(v))} labelFormatter={(t) => `t = ${Number(t).toFixed(2)} s`} />
        <Legend verticalAlign="top" />
        {timeline.measure_start_s !== null ? <ReferenceLine yAxisId="p99" x={timeline.measure_start_s} stroke="#6b7280" strokeDasharray="2 2" label={{ value: 'measure →', position: 'insideTopLeft', fill: '#6b7280' }} /> : null}
        {timeline.series.map((s) => (
          <Line key={s.processor} yAxisId="p99" data={s.points.map((p) => ({ t_s: p.t_s, p99: p.value }))} dataKey="p99" name={`${s.processor} p99`} stroke={processorColor(s.processor)} dot={false} strokeWidth={2} isAnimationActive={false} />
        ))}
        {processors.map((proc) => {
          const own = timeline.pauses.filter((p) => p.processor === proc).sort((a, b) => a.start_s - b.start_s);
          const drawn = lttb(own, MAX_POINTS_PER_SERIES, (p) => p.start_s, (p) => p.duration_us);
          return (
            <Scatter key={`pause-${proc}`} yAxisId="pause" data={drawn.map((p) => ({ t_s: p.start_s, pause: p.duration_us }))} dataKey="pause" name={`${proc} GC pause`} fill={processorColor(proc)} shape="triangle" isAnimationActive={false} />
          );
        })}
        {lanes.length ? <BandLanesLayer lanes={lanes} span_s={timeline.span_s} /> : null}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
