import { useMemo } from 'react';
import type { RunView } from '../../../harness/src/serve/api-types.ts';
import { Card } from '../components/Card.tsx';
import { EmptyState } from '../components/StateViews.tsx';
import { formatDuration } from '../format/duration.ts';
import { latencyTimeline, repetitionsOf } from '../shape/timeline.ts';
import { LatencyTimeChart } from './LatencyTimeChart.tsx';
import { RepetitionPicker } from './RepetitionPicker.tsx';
import { Num } from '../components/Num.tsx';

export function LatencyTimeView({ run, scenario, rep, onRep }: { run: RunView; scenario: string; rep: number; onRep: (r: number) => void }) {
  const timeline = useMemo(() => latencyTimeline(run, scenario, rep), [run, scenario, rep]);
  const reps = repetitionsOf(run, scenario);
  if (timeline.series.every((s) => s.points.length === 0)) {
    return <EmptyState command="npm run bench">No per-second intervals for {scenario}, repetition {rep}. Record a run with:</EmptyState>;
  }
  const downsampled = timeline.series.some((s) => s.raw_count > s.points.length);
  return (
    <div className="view" data-testid="view-latency">
      <RepetitionPicker reps={reps} value={rep} onChange={onRep} />
      <Card
        title={`Latency over time — ${scenario}, repetition ${rep}`}
        note={`corrected p99 of each second (lines, left axis); runtime pauses at their start time (triangles, right axis: pause length)${downsampled ? '; long series downsampled (LTTB)' : ''}`}
        testId="chart-latency-time"
      >
        <LatencyTimeChart timeline={timeline} />
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
