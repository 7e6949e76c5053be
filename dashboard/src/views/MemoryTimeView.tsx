import { useMemo } from 'react';
import type { RunView } from '../../../harness/src/serve/api-types.ts';
import { Card } from '../components/Card.tsx';
import { Num } from '../components/Num.tsx';
import { EmptyState } from '../components/StateViews.tsx';
import { formatBytes } from '../format/bytes.ts';
import { memoryTimeline, repetitionsOf } from '../shape/timeline.ts';
import { MemoryTimeChart } from './MemoryTimeChart.tsx';
import { RepetitionPicker } from './RepetitionPicker.tsx';

export function MemoryTimeView({ run, scenario, rep, onRep }: { run: RunView; scenario: string; rep: number; onRep: (r: number) => void }) {
  const timeline = useMemo(() => memoryTimeline(run, scenario, rep), [run, scenario, rep]);
  if (timeline.series.every((s) => s.points.length === 0)) {
    return <EmptyState command="npm run bench">No RSS samples for {scenario}, repetition {rep}. Record a run with:</EmptyState>;
  }
  const downsampled = timeline.series.some((s) => s.raw_count > s.points.length);
  const resources = run.measurements.filter((m) => m.scenario === scenario && m.repetition === rep);
  return (
    <div className="view" data-testid="view-memory">
      <RepetitionPicker reps={repetitionsOf(run, scenario)} value={rep} onChange={onRep} />
      <Card title={`Memory over time — ${scenario}, repetition ${rep}`} note={`resident set size of the processor process${downsampled ? '; long series downsampled (LTTB)' : ''}`} testId="chart-memory-time">
        <MemoryTimeChart timeline={timeline} />
      </Card>
      <Card title="Memory summary">
        <table className="data" data-testid="memory-table">
          <thead>
            <tr>
              <th>processor</th>
              <th>idle RSS</th>
              <th>steady RSS</th>
              <th>peak RSS</th>
              <th>max heap</th>
            </tr>
          </thead>
          <tbody>
            {run.manifest.processors.map((p) => {
              const m = resources.find((x) => x.processor === p.name);
              if (!m?.resources) return null;
              return (
                <tr key={p.name} data-row={p.name}>
                  <td>{p.name}</td>
                  <td><Num>{formatBytes(m.resources.idle_rss_bytes)}</Num></td>
                  <td data-cell="steady_rss"><Num>{formatBytes(m.resources.steady_rss_bytes)}</Num></td>
                  <td data-cell="peak_rss"><Num>{formatBytes(m.resources.peak_rss_bytes)}</Num></td>
                  <td><Num>{m.runtime?.heap_bytes_max ? formatBytes(m.runtime.heap_bytes_max) : '—'}</Num></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
