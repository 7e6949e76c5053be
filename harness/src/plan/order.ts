// The order the measurements run in. Each repetition round runs every processor once, in an order
// shuffled afresh per round from a seeded PRNG (randomized multiple interleaved trials, Abedi &
// Brecht, ICPE 2017): a fixed A B C A B C order lets periodic machine noise (a cron job, a
// neighbour's batch every N seconds, thermal cycles) land on the same processor every round,
// which a shuffled order turns into noise spread over all of them. The seed is in the plan, so a
// run's order can be reproduced and audited.
import { randomInt } from 'node:crypto';
import { Prng } from '../workload/prng.ts';

/** One open-loop measurement: a fresh processor process, warmup + measure phase. */
export interface MeasureStep {
  kind: 'measure';
  scenario: string;
  processor: string;
  repetition: number;
}

/** The idle arm of a round: the stall recorder alone on the measurement's CPUs (pipeline/stalls.ts). */
export interface IdleStep {
  kind: 'idle';
  scenario: string;
  repetition: number;
}

export type PlanStep = MeasureStep | IdleStep;

/** Seeds are drawn below 2^31 so they print, type and round-trip through JSON unchanged. */
export const MAX_SEED = 2 ** 31 - 1;

export function randomSeed(): number {
  return randomInt(0, MAX_SEED);
}

/** Fisher–Yates with the seeded PRNG: every permutation equally likely. */
function shuffle<T>(items: readonly T[], rng: Prng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The fixed order A B C A B C, each round led by its idle arm (one idle arm per repetition
 * round, in the first scenario's rounds). Kept for tests and tools that need a known order.
 */
export function interleave(scenarios: string[], processors: string[], repetitions: number): PlanStep[] {
  const steps: PlanStep[] = [];
  scenarios.forEach((scenario, s) => {
    for (let repetition = 0; repetition < repetitions; repetition++) {
      if (s === 0) steps.push({ kind: 'idle', scenario, repetition });
      for (const processor of processors) steps.push({ kind: 'measure', scenario, processor, repetition });
    }
  });
  return steps;
}

/**
 * Every round (scenario × repetition) runs each processor once in a freshly shuffled order. The
 * idle arms (one per repetition, in the first scenario's rounds, as in `interleave`) are shuffled
 * into their round too, except the very first one, which leads: the clean figures of a
 * measurement set aside only the stall share the idle machine explains, so the first
 * measurement needs an idle arm measured before it (otherwise it would be reported "unadjusted").
 */
export function shuffledRounds(scenarios: string[], processors: string[], repetitions: number, seed: number): PlanStep[] {
  const rng = new Prng(seed);
  const steps: PlanStep[] = [];
  scenarios.forEach((scenario, s) => {
    for (let repetition = 0; repetition < repetitions; repetition++) {
      const round = shuffle(processors, rng).map((processor): PlanStep => ({ kind: 'measure', scenario, processor, repetition }));
      if (s === 0) {
        const at = repetition === 0 ? 0 : rng.int(round.length + 1);
        round.splice(at, 0, { kind: 'idle', scenario, repetition });
      }
      steps.push(...round);
    }
  });
  return steps;
}

export const measureSteps = (steps: readonly PlanStep[]): MeasureStep[] => steps.filter((s): s is MeasureStep => s.kind === 'measure');
