import { describe, expect, it } from 'vitest';
import type { Measurement } from '../results/schema.ts';
import { syntheticRun } from '../results/synthetic.ts';
import { levelInterval } from '../stats/level-interval.ts';
import { figureOf, figureOfValues } from './figure.ts';

const goIngest = () => syntheticRun({ seed: 5, repetitions: 4 }).measurements.filter((m) => m.scenario === 'ingest' && m.processor === 'go');
/** The synthetic runs carry no clean figures: a clean p99 per repetition, for the rules that treat it apart. */
const withClean = () => goIngest().map((m, i) => ({ ...m, clean: { p99: { value_us: 500 + 10 * i } } as unknown as Measurement['clean'] }));
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

  it("sets a repetition whose tail the driver's side explains aside from the raw p99, not from the clean p99 or the CPU", () => {
    const ms = withClean();
    ms[1]!.driver = { ...ms[1]!.driver!, driver_limited: true, reasons: ["driver-side causes explain 40% of the requests slower than p99 (stalls on the driver's CPU 4, sent late 0 of 10)"] };
    expect(figureOf('p99', ms).n).toBe(3);
    expect(figureOf('p99_clean', ms).n).toBe(4);
    expect(figureOf('cpu_per_million_events', ms).n).toBe(4);
  });

  it("sets a repetition the driver's own limit hit aside from every metric", () => {
    const ms = withClean();
    ms[1]!.driver = { ...ms[1]!.driver!, driver_limited: true, reasons: ['achieved 1800/s of 2000/s'] };
    for (const id of ['p99', 'p99_clean', 'cpu_per_million_events'] as const) expect(figureOf(id, ms).n).toBe(3);
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
