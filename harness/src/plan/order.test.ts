import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interleave, measureSteps, shuffledRounds, type PlanStep } from './order.ts';

const PROCESSORS = ['go', 'node', 'node-rust', 'rust', 'cpp'];
const names = (steps: PlanStep[]) => steps.map((s) => (s.kind === 'idle' ? `idle#${s.repetition}` : `${s.scenario}/${s.processor}#${s.repetition}`));
const roundsOf = (steps: PlanStep[]) => {
  const rounds = new Map<string, PlanStep[]>();
  for (const s of steps) rounds.set(`${s.scenario}#${s.repetition}`, [...(rounds.get(`${s.scenario}#${s.repetition}`) ?? []), s]);
  return [...rounds.values()];
};

describe('shuffledRounds', () => {
  it('gives the same order for the same seed', () => {
    expect(names(shuffledRounds(['ingest', 'reads'], PROCESSORS, 5, 42))).toEqual(names(shuffledRounds(['ingest', 'reads'], PROCESSORS, 5, 42)));
  });

  it('gives a different order for a different seed', () => {
    expect(names(shuffledRounds(['ingest'], PROCESSORS, 5, 1))).not.toEqual(names(shuffledRounds(['ingest'], PROCESSORS, 5, 2)));
  });

  it('runs every processor exactly once in every round, whatever the seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 6 }), (seed, repetitions) => {
        const rounds = roundsOf(shuffledRounds(['ingest', 'reads'], PROCESSORS, repetitions, seed));
        return rounds.length === 2 * repetitions && rounds.every((r) => measureSteps(r).map((s) => s.processor).sort().join() === [...PROCESSORS].sort().join());
      }),
    );
  });

  it("puts one idle arm in each of the first scenario's rounds and none in the others", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const rounds = roundsOf(shuffledRounds(['ingest', 'reads'], PROCESSORS, 3, seed));
        const idle = rounds.map((r) => r.filter((s) => s.kind === 'idle').length);
        return idle.join() === '1,1,1,0,0,0';
      }),
    );
  });

  it('leads the first round with its idle arm, so the first measurement has an idle stall share', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => shuffledRounds(['ingest'], PROCESSORS, 3, seed)[0]!.kind === 'idle'));
  });

  it('does not keep the fixed order: over many seeds each processor leads some round', () => {
    const leaders = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      for (const r of roundsOf(shuffledRounds(['ingest'], PROCESSORS, 3, seed))) leaders.add(measureSteps(r)[0]!.processor);
    }
    expect([...leaders].sort()).toEqual([...PROCESSORS].sort());
  });
});

describe('interleave', () => {
  it('keeps the fixed A B C order, each round led by its idle arm', () => {
    expect(names(interleave(['ingest'], ['node', 'go'], 2))).toEqual(['idle#0', 'ingest/node#0', 'ingest/go#0', 'idle#1', 'ingest/node#1', 'ingest/go#1']);
  });
});
