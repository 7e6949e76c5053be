import { useMemo } from 'react';
import { apiPaths } from '../../../harness/src/serve/api-paths.ts';
import type { HistogramResponse, RunView } from '../../../harness/src/serve/api-types.ts';
import { useApiAll } from '../api/useApi.ts';
import { Card } from '../components/Card.tsx';
import { ErrorBox, Loading } from '../components/StateViews.tsx';
import { spectrumOnNines } from '../shape/spectrum.ts';
import type { Which } from '../state/url.ts';
import { SpectrumChart, type SpectrumLine } from './SpectrumChart.tsx';
import { SpectrumTable } from './SpectrumTable.tsx';

export function histogramKinds(which: Which): Array<'corrected' | 'uncorrected'> {
  return which === 'both' ? ['corrected', 'uncorrected'] : [which];
}

export function DistributionView({ run, scenario, which }: { run: RunView; scenario: string; which: Which }) {
  const requests = useMemo(
    () =>
      run.manifest.processors
        .filter((p) => run.measurements.some((m) => m.scenario === scenario && m.processor === p.name))
        .flatMap((p) => histogramKinds(which).map((w) => ({ processor: p.name, which: w }))),
    [run, scenario, which],
  );
  const answers = useApiAll<HistogramResponse>(
    requests.map((r) => apiPaths.histogram({ run: run.manifest.run_id, scenario, processor: r.processor, which: r.which })),
  );
  const lines = useMemo<SpectrumLine[]>(
    () =>
      answers.state === 'ok'
        ? answers.data.map((h) => ({ processor: h.processor, which: h.which, count: h.count, points: spectrumOnNines(h.points, h.count) }))
        : [],
    [answers],
  );
  if (answers.state === 'loading') return <Loading what="histograms" />;
  if (answers.state === 'error') return <ErrorBox error={answers.error} />;
  return (
    <div className="view" data-testid="view-distribution">
      <Card
        title={`Latency distribution — ${scenario}`}
        note="measure-phase histograms of all repetitions merged (never averaged); solid: corrected (from the intended send time), dashed: uncorrected"
        testId="chart-spectrum"
      >
        <SpectrumChart lines={lines} />
      </Card>
      <Card title="Percentiles">
        <SpectrumTable lines={lines} />
      </Card>
    </div>
  );
}
