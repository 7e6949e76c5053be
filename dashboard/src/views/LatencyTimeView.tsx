import { useMemo, useState } from 'react';
import type { RunView } from '../../../harness/src/serve/api-types.ts';
import { Card } from '../components/Card.tsx';
import { EmptyState } from '../components/StateViews.tsx';
import { formatDuration } from '../format/duration.ts';
import { bandCounts, gapNotes } from '../shape/bands.ts';
import { platformRow } from '../shape/platform.ts';
import { latencyTimeline, pickMeasurements, repetitionsOf } from '../shape/timeline.ts';
import { ALL_BANDS, BandToggles, type ShownBands } from './BandToggles.tsx';
import { LatencyTimeChart } from './LatencyTimeChart.tsx';
import { PlatformTable } from './PlatformTable.tsx';
import { RepetitionPicker } from './RepetitionPicker.tsx';
import { Num } from '../components/Num.tsx';

export function LatencyTimeView({ run, scenario, rep, onRep }: { run: RunView; scenario: string; rep: number; onRep: (r: number) => void }) {
  const timeline = useMemo(() => latencyTimeline(run, scenario, rep), [run, scenario, rep]);
  const platform = useMemo(() => pickMeasurements(run, scenario, rep).map(platformRow), [run, scenario, rep]);
  const [shown, setShown] = useState<ShownBands>(ALL_BANDS);
  const reps = repetitionsOf(run, scenario);
  if (timeline.series.every((s) => s.points.length === 0)) {
    return <EmptyState command="npm run bench">No per-second intervals for {scenario}, repetition {rep}. Record a run with:</EmptyState>;
  }
  const downsampled = timeline.series.some((s) => s.raw_count > s.points.length);
  const { lanes, gaps } = timeline.bands;
  const counts = bandCounts(lanes);
  return (
    <div className="view" data-testid="view-latency">
      <RepetitionPicker reps={reps} value={rep} onChange={onRep} />
      <Card
        title={`Latency over time — ${scenario}, repetition ${rep}`}
        note={
          <>
            corrected p99 of each second, drawn at the middle of its second (lines, left axis); runtime pauses at their start time (triangles, right axis: pause length); below the axis, each
            processor&apos;s platform stalls (measure phase) and GC cycles on the same clock — hover a band for its figures; it shades its time span over the lines
            {downsampled ? '; long series downsampled (LTTB)' : ''}
            {gapNotes(gaps).map((n) => (
              <span key={n} className="gap-note" data-testid="band-gap">
                <br />
                {n}
              </span>
            ))}
          </>
        }
        testId="chart-latency-time"
      >
        <BandToggles shown={shown} counts={counts} onChange={setShown} />
        <LatencyTimeChart timeline={timeline} lanes={lanes.filter((l) => shown[l.kind])} />
      </Card>
      <Card title="Platform stalls and GC cycles" note="the stall recorder's own counts for the measure phase (stalls at or above its attribution threshold; time share: the most-stalled CPU of the role); GC cycles over warmup and measure">
        <PlatformTable rows={platform} />
      </Card>
      <Card title="Runtime pauses">
        <table className="data" data-testid="pause-table">
          <thead>
            <tr>
              <th>processor</th>
              <th>pauses</th>
              <th>total</th>
              <th>longest</th>
            </tr>
          </thead>
          <tbody>
            {timeline.series.map((s) => {
              const own = timeline.pauses.filter((p) => p.processor === s.processor);
              return (
                <tr key={s.processor} data-row={s.processor}>
                  <td>{s.processor}</td>
                  <td><Num>{own.length}</Num></td>
                  <td><Num>{own.length ? formatDuration(own.reduce((t, p) => t + p.duration_us, 0)) : '—'}</Num></td>
                  <td><Num>{own.length ? formatDuration(Math.max(...own.map((p) => p.duration_us))) : '—'}</Num></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
