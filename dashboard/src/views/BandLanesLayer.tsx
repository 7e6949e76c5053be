import { useState } from 'react';
import { usePlotArea, useXAxisScale } from 'recharts';
import { processorColor } from '../components/colors.ts';
import { formatDuration } from '../format/duration.ts';
import type { Band, BandKind, BandLane } from '../shape/bands.ts';
import { CAUSES } from '../shape/tail.ts';

/** The same colours as the causes of the tail view, so a band and the slow requests it explains match. */
export const BAND_COLORS: Record<BandKind, string> = {
  stall_processor_cpu: CAUSES.platform_processor_cpu.color,
  stall_driver_cpu: CAUSES.platform_driver_cpu.color,
  gc: CAUSES.gc_cycle.color,
};

export const LANE_PX = 11;
export const LANE_PITCH_PX = 14;
/** Room under the plot for the x axis' ticks before the first lane. */
export const X_AXIS_PX = 28;
const LANES_TOP_GAP_PX = 6;
/** A 1 ms stall on a 25 s axis is a twentieth of a pixel: draw every band at least this wide. */
const MIN_BAND_PX = 2;

/** Height the lanes need below the x axis. */
export const lanesHeightPx = (lanes: number) => (lanes ? LANES_TOP_GAP_PX + lanes * LANE_PITCH_PX : 0);

function bandText(lane: BandLane, b: Band): string {
  const what = b.count === 1 ? lane.what.replace(/^stalls/, 'stall').replace(/^GC cycles/, 'GC cycle') : `${b.count} ${lane.what}`;
  const when = `${b.start_s.toFixed(3)}–${b.end_s.toFixed(3)} s`;
  const length = b.count === 1 ? formatDuration(b.total_us) : `${formatDuration(b.total_us)} in all, longest ${formatDuration(b.max_us)}`;
  return `${lane.processor}: ${what}, ${when}, ${length}`;
}

/**
 * The stall and GC-cycle lanes, drawn inside the latency chart's SVG below its x axis with the
 * chart's own x scale, so a band sits exactly under the seconds it covers. Hovering a band
 * shades the same time span over the latency lines.
 */
export function BandLanesLayer({ lanes, span_s }: { lanes: readonly BandLane[]; span_s: number }) {
  const plot = usePlotArea();
  const scale = useXAxisScale();
  const [hovered, setHovered] = useState<{ band: Band; kind: BandKind } | null>(null);
  if (!plot || !scale) return null;
  const px = (t_s: number) => scale(Math.min(span_s, Math.max(0, t_s))) ?? plot.x;
  const top = plot.y + plot.height + X_AXIS_PX + LANES_TOP_GAP_PX;
  return (
    <g className="band-lanes" data-testid="band-lanes">
      {lanes.map((lane, i) => {
        const y = top + i * LANE_PITCH_PX;
        return (
          <g key={lane.id} data-lane={lane.id} data-kind={lane.kind} data-count={lane.raw_count}>
            <text x={plot.x - 6} y={y + LANE_PX - 2} textAnchor="end" fontSize={10} fill={processorColor(lane.processor)}>
              {lane.processor} · {lane.label}
            </text>
            <rect x={plot.x} y={y} width={plot.width} height={LANE_PX} fill="#f3f4f6" />
            {lane.bands.map((b) => {
              const x0 = px(b.start_s);
              return (
                <rect
                  key={b.start_s}
                  className="band"
                  data-band-count={b.count}
                  x={x0}
                  y={y}
                  width={Math.max(MIN_BAND_PX, px(b.end_s) - x0)}
                  height={LANE_PX}
                  fill={BAND_COLORS[lane.kind]}
                  onMouseEnter={() => setHovered({ band: b, kind: lane.kind })}
                  onMouseLeave={() => setHovered(null)}
                >
                  <title>{bandText(lane, b)}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
      {hovered ? (
        <rect
          x={px(hovered.band.start_s)}
          y={plot.y}
          width={Math.max(MIN_BAND_PX, px(hovered.band.end_s) - px(hovered.band.start_s))}
          height={plot.height}
          fill={BAND_COLORS[hovered.kind]}
          fillOpacity={0.25}
          pointerEvents="none"
        />
      ) : null}
    </g>
  );
}
