import { useMemo } from 'react';
import type { RunView } from '../../../harness/src/serve/api-types.ts';
import { Card } from '../components/Card.tsx';
import { EmptyState } from '../components/StateViews.tsx';
import { overviewRows } from '../shape/overview.ts';
import { tailBars, tailComposition } from '../shape/tail.ts';
import { TailBars } from './TailBars.tsx';
import { TailFiguresTable } from './TailFiguresTable.tsx';
import { TailRepetitionTable } from './TailRepetitionTable.tsx';

/** What the tail is made of, per processor of one scenario, beside the raw and clean p99. */
export function TailView({ run, scenario }: { run: RunView; scenario: string }) {
  const tails = useMemo(() => tailComposition(run, scenario), [run, scenario]);
  const rows = useMemo(() => overviewRows(run).filter((r) => r.scenario === scenario), [run, scenario]);
  const bars = tailBars(tails);
  if (bars.length === 0) {
    const reasons = [...new Set(tails.map((t) => (t.state === 'not-recorded' ? t.reason : '')))].filter(Boolean).join('; ');
    return (
      <div className="view" data-testid="view-tail">
        <EmptyState command="npm run bench">
          <span data-testid="tail-not-recorded">What the tail is made of — {scenario}: {reasons || 'not recorded'}.</span> Runs written since result schema v2 record it; record one with:
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="view" data-testid="view-tail">
      <div className="grid grid-tail">
        <Card
          title={`What the tail is made of — ${scenario}`}
          note="each request slower than its repetition's p99 (and, in the second bar, its p99.9) gets one primary cause: the first in the legend's order its interval (intended send → done) overlaps. Counts pooled over the successful repetitions: added up, then divided by the pooled slow requests. Hover a bar for the counts."
          testId="chart-tail"
        >
          <TailBars data={bars} />
        </Card>
        <Card
          title={`Raw and clean p99 — ${scenario}`}
          note="p99 clean: the p99 without the requests platform stalls or the driver delayed (only the share the idle machine explains), the processor's own pauses and GC kept in. Median over repetitions, [95% interval] as in the Overview."
          testId="tail-figures"
        >
          <TailFiguresTable tails={tails} rows={rows} />
        </Card>
      </div>
      <Card title="Per repetition" note="each repetition's own p99, raw and clean, with its 95% order-statistic interval (binomial method on the ranks), and the causes of its requests above p99 (counts)">
        <TailRepetitionTable tails={tails} />
      </Card>
    </div>
  );
}
