// Equal-load points. Latency at one fixed rate is at a different utilisation for each processor,
// so comparisons are made at equal load instead, two ways: (a) the same absolute rates, which
// every compared processor sustains; (b) the same fractions (default 50% and 80%) of each
// processor's own sustainable throughput (Karimov et al. report latency at 90% of it). Every
// fraction of every processor's sustainable rate is one target rate; each processor is measured
// at every target it sustains, so "Rust at 80% of Go's sustainable rate" and "each at 80% of its
// own" are both measured, not interpolated.
import type { LoadBasis, ProcessorSweep, ScenarioSweep, SweepStep } from '../results/sweep-schema.ts';

export interface EqualLoadTarget {
  rate_per_s: number;
  /** The equal loads this rate stands for (two fractions of two processors may round to one rate). */
  basis: LoadBasis[];
}

export function equalLoadTargets(sustainable: ReadonlyArray<{ processor: string; rate_per_s: number }>, fractions: readonly number[]): EqualLoadTarget[] {
  const byRate = new Map<number, LoadBasis[]>();
  for (const s of sustainable) {
    if (!(s.rate_per_s > 0)) continue;
    for (const fraction of fractions) {
      const rate = Math.max(1, Math.round(fraction * s.rate_per_s));
      byRate.set(rate, [...(byRate.get(rate) ?? []), { fraction, of: s.processor }]);
    }
  }
  return [...byRate].sort((a, b) => a[0] - b[0]).map(([rate_per_s, basis]) => ({ rate_per_s, basis }));
}

/** The targets a processor whose sustainable rate is `rate_per_s` is measured at. */
export function targetsWithin(targets: readonly EqualLoadTarget[], rate_per_s: number): EqualLoadTarget[] {
  return targets.filter((t) => t.rate_per_s <= rate_per_s);
}

const sameBasis = (a: LoadBasis, b: LoadBasis) => a.of === b.of && Math.abs(a.fraction - b.fraction) < 1e-9;

/** A processor's equal-load steps at one basis, by repetition. */
export function stepsAtBasis(p: ProcessorSweep, basis: LoadBasis): SweepStep[] {
  return p.steps.filter((s) => s.stage === 'equal-load' && s.basis.some((b) => sameBasis(b, basis))).sort((a, b) => a.repetition - b.repetition);
}

/** The ladder's rates that every listed processor sustained on its curve: the common absolute loads. */
export function commonSustainedRates(sc: ScenarioSweep, processors: readonly string[]): number[] {
  const sets = processors.map((name) => {
    const p = sc.processors.find((x) => x.processor === name);
    return new Set((p?.steps ?? []).filter((s) => s.stage === 'curve' && s.verdict.sustainable).map((s) => s.offered_rate_per_s));
  });
  if (sets.length === 0) return [];
  return [...sets[0]!].filter((r) => sets.every((s) => s.has(r))).sort((a, b) => a - b);
}
