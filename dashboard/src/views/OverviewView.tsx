import { useMemo } from 'react';
import type { RunView } from '../../../harness/src/serve/api-types.ts';
import { Card } from '../components/Card.tsx';
import { overviewRows } from '../shape/overview.ts';
import { CapacityBars } from './CapacityBars.tsx';
import { LatencyBars } from './LatencyBars.tsx';
import { MemoryBars } from './MemoryBars.tsx';
import { OverviewTable } from './OverviewTable.tsx';
import { SustainableCard } from './SustainableCard.tsx';

export function OverviewView({ run, scenario }: { run: RunView; scenario: string }) {
  const rows = useMemo(() => overviewRows(run), [run]);
  const forScenario = rows.filter((r) => r.scenario === scenario);
  return (
    <div className="view" data-testid="view-overview">
      <div className="grid">
        <Card title={`Tail latency — ${scenario}`} note="corrected p99 (solid), the processor's own p99 clean (dashed outline; runs since schema v2) and p99.9 (light), geometric mean over repetitions, whiskers: 95% t interval on their logs (as in report, compare, gate and claims)" testId="chart-latency">
          <LatencyBars rows={forScenario} />
        </Card>
        <Card title={`Memory — ${scenario}`} note="steady RSS (solid, median over the measure phase) and peak RSS (light)" testId="chart-memory">
          <MemoryBars rows={forScenario} />
        </Card>
        <Card title={`Capacity — ${scenario}`} note="closed-loop maximum throughput (autocannon)" testId="chart-capacity">
          <CapacityBars rows={forScenario} />
        </Card>
        <SustainableCard scenario={scenario} />
      </div>
      <Card title="All scenarios" note={`ratios against the baseline processor (${run.manifest.baseline}); lower is better for latency`}>
        <OverviewTable rows={rows} />
      </Card>
    </div>
  );
}
