// Synthetic runs that satisfy the result schema, for tests and for seeding stores with many runs
// (store benchmarks, dashboard tests). Values come from a seeded PRNG and real HDR histograms, so
// percentiles, histograms and summaries agree with each other the way a real run's do. Never used
// to produce a result a user sees.
import hdr from 'hdr-histogram-js';
import { toPercentiles } from '../record/percentiles.ts';
import { seededRng } from '../stats/rng.ts';
import {
  RESULT_SCHEMA_VERSION,
  type Capacity,
  type Measurement,
  type PhaseResult,
  type RunManifest,
  type RunRecord,
} from './schema.ts';

export interface SyntheticRunOptions {
  seed: number;
  run_id?: string;
  started_at?: Date;
  git_branch?: string;
  git_sha?: string;
  scenarios?: string[];
  processors?: string[];
  repetitions?: number;
  /** Multiplies every latency of the named processor (e.g. {rust: 0.7}). */
  latency_scale?: Record<string, number>;
  /** Multiplies the steady/peak RSS of the named processor. */
  rss_scale?: Record<string, number>;
  /** Requests recorded per phase histogram; small keeps tests fast. */
  samples_per_phase?: number;
}

const BASE_LATENCY_US: Record<string, number> = { rust: 90, go: 120, node: 180 };
const BASE_RSS: Record<string, number> = { rust: 12e6, go: 30e6, node: 70e6 };

function newHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
}

function phase(rand: () => number, name: 'warmup' | 'measure', base_us: number, samples: number, duration_s: number, rate: number): PhaseResult {
  const corrected = newHistogram();
  const uncorrected = newHistogram();
  for (let i = 0; i < samples; i++) {
    // Log-normal body with a rare heavy tail, like a real server's.
    const body = base_us * Math.exp(0.35 * Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand()));
    const tail = rand() < 0.01 ? base_us * (3 + 20 * rand()) : 0;
    const v = Math.max(1, Math.round(body + tail));
    uncorrected.recordValue(v);
    corrected.recordValue(v + (tail > 0 ? Math.round(base_us * rand()) : 0));
  }
  const result: PhaseResult = {
    phase: name,
    duration_s,
    target_rate_per_s: rate,
    achieved_rate_per_s: rate * (0.995 + 0.005 * rand()),
    requests: Math.round(rate * duration_s),
    responses_ok: Math.round(rate * duration_s),
    errors: { http_4xx: 0, http_5xx: 0, connect: 0, timeout: 0, reset: 0, parse: 0 },
    events_per_s: rate * 100,
    corrected: toPercentiles(corrected),
    uncorrected: toPercentiles(uncorrected),
    corrected_hdr: hdr.encodeIntoCompressedBase64(corrected),
    uncorrected_hdr: hdr.encodeIntoCompressedBase64(uncorrected),
  };
  return result;
}

/** A complete, schema-valid run with deterministic content for a given seed. */
export function syntheticRun(opts: SyntheticRunOptions): RunRecord {
  const rand = seededRng(opts.seed);
  const scenarios = opts.scenarios ?? ['ingest', 'reads'];
  const processors = opts.processors ?? ['node', 'go', 'rust'];
  const repetitions = opts.repetitions ?? 3;
  const samples = opts.samples_per_phase ?? 400;
  const started = opts.started_at ?? new Date(Date.UTC(2026, 10, 1) + opts.seed * 3_600_000);
  const run_id = opts.run_id ?? `synthetic-${String(opts.seed).padStart(6, '0')}`;
  const at = (offset_s: number) => new Date(started.getTime() + offset_s * 1000).toISOString();
  const measurements: Measurement[] = [];
  const capacity: Capacity[] = [];
  let clock_s = 0;
  for (const scenario of scenarios) {
    for (let repetition = 0; repetition < repetitions; repetition++) {
      for (const processor of processors) {
        const base = (BASE_LATENCY_US[processor] ?? 150) * (opts.latency_scale?.[processor] ?? 1);
        const rss = (BASE_RSS[processor] ?? 40e6) * (opts.rss_scale?.[processor] ?? 1);
        const rate = 2000;
        const warm = phase(rand, 'warmup', base * 1.3, Math.max(10, samples / 4), 1, rate);
        const meas = phase(rand, 'measure', base, samples, 3, rate);
        const collector = processor !== 'rust';
        const pauses = collector
          ? Array.from({ length: 3 }, (_, i) => ({ start_s: 1 + i + rand(), duration_us: Math.round(50 + 400 * rand()), kind: 'gc' }))
          : [];
        const pauseTotal = pauses.reduce((s, p) => s + p.duration_us, 0);
        const samplesRss = Array.from({ length: 40 }, (_, i) => ({
          t_s: i * 0.1 - 0.5,
          rss_bytes: Math.round(rss * (i < 5 ? 0.8 : 1 + 0.02 * rand())),
          cpu_s: i * 0.05,
        }));
        measurements.push({
          schema_version: RESULT_SCHEMA_VERSION,
          run_id,
          agent: 'local',
          scenario,
          processor,
          repetition,
          status: 'ok',
          failure: null,
          started_at: at(clock_s),
          finished_at: at(clock_s + 4),
          schedule: { kind: 'constant', rate_per_s: rate },
          connections: 64,
          events_per_request: scenario === 'reads' ? 0 : 100,
          phases: [warm, meas],
          intervals: Array.from({ length: 4 }, (_, i) => ({
            t_s: i,
            phase: i === 0 ? ('warmup' as const) : ('measure' as const),
            requests: rate,
            errors: 0,
            p50_us: Math.round(base),
            p99_us: Math.round(base * (2 + rand())),
            max_us: Math.round(base * (4 + 4 * rand())),
            corrected_hdr: meas.corrected_hdr,
          })),
          resources: {
            idle_rss_bytes: Math.round(rss * 0.8),
            peak_rss_bytes: Math.round(rss * 1.05),
            steady_rss_bytes: Math.round(rss),
            cpu_s: 1.5,
            cpu_s_per_million_events: scenario === 'reads' ? null : 1.5 / ((rate * 3 * 100) / 1e6),
            cpu_utilisation: 0.5,
            samples: samplesRss,
          },
          runtime: {
            collector,
            gc_count: pauses.length,
            pause_total_us: pauseTotal,
            pause_max_us: pauses.reduce((m, p) => Math.max(m, p.duration_us), 0),
            heap_bytes_max: collector ? Math.round(rss * 0.5) : null,
            pauses,
            extra: {},
          },
          pause_attribution: {
            slow_threshold_us: meas.corrected.p99_us,
            slow_requests: Math.round(meas.corrected.count / 100),
            slow_overlapping_pause: collector ? 1 : 0,
            slow_overlap_share: collector ? 1 / Math.max(1, Math.round(meas.corrected.count / 100)) : 0,
            p99_without_pause_overlap_us: meas.corrected.p99_us,
          },
          driver: {
            driver_limited: false,
            reasons: [],
            schedule_lag_p50_us: 5,
            schedule_lag_p99_us: 40,
            schedule_lag_max_us: 300,
            cpu_utilisation: 0.3,
          },
        });
        clock_s += 5;
      }
    }
    for (const processor of processors) {
      const eps = (processor === 'rust' ? 1.2e6 : processor === 'go' ? 6e5 : 3e5) * (0.95 + 0.1 * rand());
      capacity.push({
        schema_version: RESULT_SCHEMA_VERSION,
        run_id,
        scenario,
        processor,
        status: 'ok',
        failure: null,
        tool: 'autocannon',
        connections: 32,
        duration_s: 2,
        requests_per_s: scenario === 'reads' ? eps / 500 : eps / 100,
        events_per_s: scenario === 'reads' ? 0 : eps,
        errors: 0,
        cpu_utilisation: 1,
      });
    }
  }
  const manifest: RunManifest = {
    schema_version: RESULT_SCHEMA_VERSION,
    run_id,
    status: 'complete',
    started_at: started.toISOString(),
    finished_at: at(clock_s),
    profile: 'quick',
    baseline: 'go',
    scenarios,
    processors: processors.map((name) => ({
      name,
      language: name === 'node' ? 'TypeScript' : name === 'go' ? 'Go' : name === 'rust' ? 'Rust' : name,
      description: `synthetic ${name}`,
      toolchain_version: 'synthetic',
      build: { ok: true, cached: true, duration_s: 0, error: null },
      verify: { ok: true, failures: [] },
    })),
    repetitions,
    plan: { synthetic: true },
    provenance: {
      git_sha: opts.git_sha ?? (opts.seed * 2654435761 >>> 0).toString(16).padStart(8, '0'),
      git_dirty: false,
      git_branch: opts.git_branch ?? 'main',
      harness_version: '0.1.0',
      node_version: process.version,
      hostname: 'synthetic',
      os: 'linux',
      kernel: 'synthetic',
      cpu_model: 'synthetic',
      cores: 2,
      memory_bytes: 24 * 2 ** 30,
      pinning: { enabled: true, driver_cpus: [0], processor_cpus: [1], driver_realtime: true },
      threads: 1,
      injected: {},
    },
    noise: { driver_floor: { rate_per_s: 5000, p50_us: 40, p99_us: 90, max_us: 900 }, cpu_jitter_p99_us: 20 },
    notes: ['synthetic run: generated for tests, not measured'],
  };
  return { manifest, measurements, capacity };
}
