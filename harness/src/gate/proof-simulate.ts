// The proof benchmark's simulation: the real gate (same code, same limits) on synthetic runs
// whose per-repetition p99 follows a noise model, so false-alarm and detection rates can be
// estimated over thousands of pairs. A simulation, labelled as such in every output: it shows
// what the rule does at a given noise level; only real runs (proof.ts) show this machine's noise.
//
// Model: log p99 of round j of run i = log P0 + log(effect) + σ_between·Z_i + σ_shared·S_j + σ_within·Z_ij.
// σ_within is the spread between repetitions of one run; σ_between adds run-to-run drift that
// repetitions within a run do not see (the reason an A/A pair of runs can differ more than the
// repetitions inside each suggest); σ_shared is what round j of the baseline and round j of the
// candidate share (the machine's state at that point of the pair), which pairing the rounds
// cancels. The gate runs with its defaults: rounds paired, Holm across its rows.
import type { RunRecord } from '../results/schema.ts';
import { syntheticRun } from '../results/synthetic.ts';
import { bootstrapRatioInterval, fixedSampler } from '../stats/bootstrap.ts';
import { ratioInterval } from '../stats/ratio-interval.ts';
import { normal, seededRng, type Rng } from '../stats/rng.ts';
import { gate, type GateRule } from './evaluate.ts';
import { parseLimits } from './limits.ts';
import { tally, type PairOutcomes } from './proof-tally.ts';

export interface NoiseModel {
  sigma_within: number;
  sigma_between: number;
  /** Shared by round j of both runs of a pair; default 0. */
  sigma_shared?: number;
  repetitions: number;
}

const P0_US = 400;

/** One synthetic run of go/ingest whose measure-phase p99s follow the model. */
function modelRun(template: RunRecord, id: string, rng: Rng, noise: NoiseModel, effect: number, shared: readonly number[]): RunRecord {
  const runOffset = noise.sigma_between * normal(rng);
  const measurements = template.measurements.map((m) => {
    const p99 = Math.round(P0_US * effect * Math.exp(runOffset + (shared[m.repetition] ?? 0) + noise.sigma_within * normal(rng)));
    return {
      ...m,
      run_id: id,
      phases: m.phases.map((p) => (p.phase === 'measure' ? { ...p, corrected: { ...p.corrected, p99_us: p99 } } : p)),
    };
  });
  return { ...template, manifest: { ...template.manifest, run_id: id }, measurements, capacity: [] };
}

export interface SimulationOptions {
  noise: NoiseModel;
  effect: number;
  pairs: number;
  seed: number;
  limits: string;
  rule: GateRule;
  confidence: number;
  /** Baseline runs pooled (as `--baseline branch=main,last=N` does); default 1. */
  baseline_runs?: number;
}

/** Gate `pairs` (baseline, candidate) pairs; the candidate's true p99 is `effect` × the baseline's. */
export function simulatePairs(o: SimulationOptions): PairOutcomes {
  const parsed = parseLimits(o.limits);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const template = syntheticRun({ seed: 1, scenarios: ['ingest'], processors: ['go'], repetitions: o.noise.repetitions, samples_per_phase: 50 });
  const rng = seededRng(o.seed);
  const results = [];
  for (let i = 0; i < o.pairs; i++) {
    const shared = Array.from({ length: o.noise.repetitions }, () => (o.noise.sigma_shared ?? 0) * normal(rng));
    const a = Array.from({ length: o.baseline_runs ?? 1 }, (_, k) => modelRun(template, `a${i}-${k}`, rng, o.noise, 1, shared));
    const b = modelRun(template, `b${i}`, rng, o.noise, o.effect, shared);
    results.push(gate(a, b, parsed.limits, { rule: o.rule, confidence: o.confidence }));
  }
  return tally(results, 'ingest', 'go', 'p99');
}

/**
 * Coverage of the ratio interval (the share of intervals that contain the true ratio) for the t
 * interval and the bootstrap over repetitions, on log-normal repetitions: why the gate defaults
 * to the t interval at 3–5 repetitions.
 */
export function coverageByMethod(n: number, sigma: number, trials: number, seed: number): { t: number; bootstrap: number } {
  const rng = seededRng(seed);
  let t = 0;
  let b = 0;
  for (let i = 0; i < trials; i++) {
    const a = Array.from({ length: n }, () => 100 * Math.exp(sigma * normal(rng)));
    const c = Array.from({ length: n }, () => 120 * Math.exp(sigma * normal(rng)));
    const et = ratioInterval(a, c);
    const eb = bootstrapRatioInterval(a.map(fixedSampler), c.map(fixedSampler), { seed: i + 1, iterations: 1000 });
    if (et.kind === 'interval' && et.ci_low <= 1.2 && 1.2 <= et.ci_high) t++;
    if (eb.kind === 'interval' && eb.ci_low <= 1.2 && 1.2 <= eb.ci_high) b++;
  }
  return { t: t / trials, bootstrap: b / trials };
}
