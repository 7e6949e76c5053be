// The runs every store is seeded with in the contract suite: branches, scenario sets, processor
// sets, start times and repetition counts vary, and one measurement failed, so filters, ordering,
// medians and "ok only" rules all have something to tell apart.
import type { Measurement, RunRecord } from '../results/schema.ts';
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
  // Schema v2's figures (stalls, tail composition, clean percentiles, GC cycles) on every other
  // measurement of c-004, one of them without a stall recorder; the bare one stays as v1 wrote it.
  for (const [i, m] of runs[3]!.measurements.entries()) if (m !== bare) addV2Figures(m, i);
  runs[3]!.measurements[1]!.platform = null;
  return runs;
}

/** Figures shaped like a real v2 measurement's, with fractional values that a lossy store would round. */
function addV2Figures(m: Measurement, i: number): void {
  const measure = m.phases.find((p) => p.phase === 'measure')!;
  const p99 = { value_us: measure.corrected.p99_us + 0.547, lo_us: measure.corrected.p99_us * 0.93 + 0.102, hi_us: measure.corrected.p99_us * 1.23 + 0.38 };
  const open = { value_us: measure.corrected.p999_us + 0.244, lo_us: measure.corrected.p99_us * 1.5, hi_us: null };
  const counts = { platform_processor_cpu: i % 4, platform_driver_cpu: 1, runtime_pause: m.runtime?.collector ? 2 : 0, gc_cycle: m.runtime?.collector ? 1 : 0, driver_lag: 0, queued: i % 2, unexplained: 3 };
  const slow = Object.values(counts).reduce((a, b) => a + b, 0);
  m.raw_intervals = { p50: { value_us: measure.corrected.p50_us + 0.25, lo_us: measure.corrected.p50_us - 1, hi_us: measure.corrected.p50_us + 1.5 }, p99, p999: open };
  m.platform = {
    scheduling: 'fifo 90',
    period_us: 1000,
    threshold_us: 100,
    attribution_threshold_us: 500,
    recorder_cpu_utilisation: 0.044404700860964076,
    cpus: [
      { cpu: 1, role: 'processor', stalls: 2, stalls_over_1ms: 1, stall_share: 0.0006894873333333333, max_stall_us: 1426.361, steal_share: 0.0024599579447656126 },
      { cpu: 0, role: 'driver', stalls: 1, stalls_over_1ms: 0, stall_share: 0.00021, max_stall_us: 642.101, steal_share: null },
    ],
    stall_share: 0.0008994873333333333,
    idle_stall_share: i % 3 ? 0.0009391392452801014 : null,
    stalls_induced: i % 3 ? 0.9577798478 : null,
    stalls: [
      { cpu: 1, start_s: 1.489940402 + i, duration_us: 1426.361 },
      { cpu: 0, start_s: 1.967940402 + i, duration_us: 642.101 },
      { cpu: 1, start_s: 2.5000001, duration_us: 512.5 },
    ],
  };
  m.tail = { p99: { threshold_us: measure.corrected.p99_us, slow, counts }, p999: { threshold_us: measure.corrected.p999_us, slow: 1, counts: { ...counts, platform_processor_cpu: 1, platform_driver_cpu: 0, runtime_pause: 0, gc_cycle: 0, queued: 0, unexplained: 0 } } };
  m.clean = {
    p50: m.raw_intervals.p50,
    p99: { ...p99, value_us: p99.value_us - 3.25 },
    p999: open,
    count: measure.corrected.count - 2,
    set_aside: 2,
    set_aside_share: 2 / measure.corrected.count,
    stall_delayed: 2,
    set_aside_fraction: 1,
    fairness: i % 3 ? 'idle-explained share' : 'unadjusted: no idle arm',
    lag1: 0.41460877212848,
  };
  m.gc_cycles = m.runtime?.collector
    ? [
        { start_s: 0.00031616, duration_us: 4077.056, kind: 'major', stw_us: 364.928, cpu_us: 1611.712 },
        { start_s: 1.017075968, duration_us: 770.5, kind: 'minor', stw_us: null, cpu_us: null },
      ]
    : [];
}
