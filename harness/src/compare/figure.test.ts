import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { levelInterval } from '../stats/level-interval.ts';
import { figureOf, figureOfValues } from './figure.ts';

const goIngest = () => syntheticRun({ seed: 5, repetitions: 4 }).measurements.filter((m) => m.scenario === 'ingest' && m.processor === 'go');
const p99 = (ms: ReturnType<typeof goIngest>) => ms.map((m) => m.phases.find((p) => p.phase === 'measure')!.corrected.p99_us);

describe('figureOf', () => {
  it('is the geometric mean with the t interval on the logs', () => {
    const ms = goIngest();
    const f = figureOf('p99', ms);
    expect(f.value).toBeCloseTo(Math.exp(p99(ms).reduce((s, v) => s + Math.log(v), 0) / 4), 9);
    expect(f.interval).toEqual(levelInterval(p99(ms), { scale: 'log' }));
  });

  it('leaves failed and driver-limited repetitions out, as compare does', () => {
    const ms = goIngest();
    ms[0]!.status = 'failed';
    ms[1]!.driver = { ...ms[1]!.driver!, driver_limited: true };
    expect(figureOf('p99', ms).n).toBe(2);
    expect(figureOf('p99', ms, { include_driver_limited: true }).n).toBe(3);
  });

  it('has a value but no interval below three repetitions', () => {
    const f = figureOfValues([100, 121]);
    expect(f.value).toBeCloseTo(110, 9);
    expect(f.interval.kind).toBe('insufficient');
  });

  it('has no value when a repetition is not positive', () => {
    expect(figureOfValues([0, 1, 2]).value).toBeNull();
  });
});
