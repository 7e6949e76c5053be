// The runs every store is seeded with in the contract suite: branches, scenario sets, processor
// sets, start times and repetition counts vary, and one measurement failed, so filters, ordering,
// medians and "ok only" rules all have something to tell apart.
import type { RunRecord } from '../results/schema.ts';
import { syntheticRun } from '../results/synthetic.ts';

const hour = 3_600_000;
const t0 = Date.UTC(2026, 0, 10, 12, 0, 0);

export function contractRuns(): RunRecord[] {
  const small = { samples_per_phase: 60 };
  const runs: RunRecord[] = [
    syntheticRun({ ...small, seed: 11, run_id: 'c-001-main', started_at: new Date(t0), git_branch: 'main' }),
    syntheticRun({ ...small, seed: 12, run_id: 'c-002-main', started_at: new Date(t0 + hour), git_branch: 'main', scenarios: ['ingest'] }),
    syntheticRun({ ...small, seed: 13, run_id: 'c-003-feat', started_at: new Date(t0 + 2 * hour), git_branch: 'feature/x', processors: ['node', 'go'] }),
    syntheticRun({ ...small, seed: 14, run_id: 'c-004-main', started_at: new Date(t0 + 3 * hour), git_branch: 'main', repetitions: 2, latency_scale: { rust: 0.5 } }),
    syntheticRun({ ...small, seed: 15, run_id: 'c-005-feat', started_at: new Date(t0 + 4 * hour), git_branch: 'feature/x', scenarios: ['reads'] }),
    // Same start time as c-004: the order must still be total (run id breaks the tie).
    syntheticRun({ ...small, seed: 16, run_id: 'c-006-main', started_at: new Date(t0 + 3 * hour), git_branch: 'main', repetitions: 4 }),
  ];
  // A failed measurement and an incomplete run: series and merged histograms use ok measurements only.
  const r1 = runs[0]!;
  const failed = r1.measurements.find((m) => m.scenario === 'ingest' && m.processor === 'go' && m.repetition === 1)!;
  failed.status = 'failed';
  failed.failure = { stage: 'drive', message: "connection reset; it's \"bad\"", stderr_tail: 'line 1\nline 2\\ \u0000' };
  runs[1]!.manifest.status = 'incomplete';
  runs[1]!.manifest.notes.push('interrupted by Ctrl-C — ünïcode note');
  // A measurement without resources or runtime (a processor that exposes no metrics).
  const bare = runs[3]!.measurements[0]!;
  bare.resources = null;
  bare.runtime = null;
  bare.pause_attribution = null;
  bare.driver = null;
  return runs;
}
