// A run without its encoded histograms. Those are most of a run's bytes and no view draws them
// directly (the distribution view asks /api/histogram for a merged spectrum instead).
import type { RunRecord } from '../results/schema.ts';
import type { MeasurementView, RunView } from './api-types.ts';

export function toRunView(run: RunRecord): RunView {
  return {
    manifest: run.manifest,
    capacity: run.capacity,
    measurements: run.measurements.map(
      (m): MeasurementView => ({
        ...m,
        phases: m.phases.map(({ corrected_hdr: _c, uncorrected_hdr: _u, ...rest }) => rest),
        intervals: m.intervals.map(({ corrected_hdr: _c, ...rest }) => rest),
      }),
    ),
  };
}
