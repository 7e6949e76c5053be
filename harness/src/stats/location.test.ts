import { describe, expect, it } from 'vitest';
import { chooseMethod, estimateOf, interval, pAbove, pBelow, pTwoSided, type LocationSample } from './location.ts';
import { ratioInterval } from './ratio-interval.ts';
import { normal, seededRng } from './rng.ts';

describe('chooseMethod (the rule for paired rounds)', () => {
  it('takes the paired t on logs below 12 pairs', () => {
    for (const n of [3, 6, 11]) expect(chooseMethod(n).method).toBe('paired-log-t');
  });
  it('takes Wilcoxon signed-rank with Hodges–Lehmann from 12 pairs', () => {
    for (const n of [12, 40, 200]) expect(chooseMethod(n).method).toBe('wilcoxon-hl');
  });
  it('never picks the bootstrap', () => {
    for (let n = 2; n < 100; n++) expect(chooseMethod(n).method).not.toBe('round-bootstrap');
  });
});

describe('paired t on log-ratios', () => {
  it('agrees with the existing paired ratio interval', () => {
    const a = [100, 150, 80, 120];
    const b = [115, 160, 95, 130];
    const s: LocationSample = { design: 'paired', method: 'paired-log-t', d: a.map((x, i) => Math.log(b[i]! / x)) };
    const mine = estimateOf(s, 0.95);
    const old = ratioInterval(a, b, { paired: true });
    if (mine.kind !== 'interval' || old.kind !== 'interval') throw new Error('expected intervals');
    expect(mine.estimate).toBeCloseTo(old.estimate, 12);
    expect(mine.ci_low).toBeCloseTo(old.ci_low, 9);
    expect(mine.ci_high).toBeCloseTo(old.ci_high, 9);
  });
});

describe('Welch on logs (unpaired)', () => {
  it('agrees with the existing unpaired ratio interval', () => {
    const a = [100, 150, 80];
    const b = [115, 160, 95, 130];
    const s: LocationSample = { design: 'unpaired', method: 'welch-log-t', a: a.map(Math.log), b: b.map(Math.log) };
    const mine = estimateOf(s, 0.95);
    const old = ratioInterval(a, b);
    if (mine.kind !== 'interval' || old.kind !== 'interval') throw new Error('expected intervals');
    expect(mine.ci_low).toBeCloseTo(old.ci_low, 9);
    expect(mine.ci_high).toBeCloseTo(old.ci_high, 9);
  });
});

describe('interval and p-values agree for every method', () => {
  const rng = seededRng(3);
  const d = Array.from({ length: 14 }, () => 0.08 + 0.1 * normal(rng));
  const samples: LocationSample[] = [
    { design: 'paired', method: 'paired-log-t', d },
    { design: 'paired', method: 'wilcoxon-hl', d },
    { design: 'paired', method: 'round-bootstrap', d },
    { design: 'unpaired', method: 'welch-log-t', a: d.slice(0, 7), b: d.slice(7) },
  ];
  it.each(samples.map((s) => [s.method, s] as const))('%s: the 95%% interval excludes θ when the one-sided p is below 2.5%%', (_m, s) => {
    const [lo, hi] = interval(s, 0.95)!;
    for (let theta = -0.3; theta <= 0.4; theta += 0.005) {
      // The bootstrap's p resolves to 1/10000: allow its grid next to the bounds.
      if (s.method === 'round-bootstrap' && (Math.abs(theta - lo) < 2e-3 || Math.abs(theta - hi) < 2e-3)) continue;
      expect(pAbove(s, theta) <= 0.025, `θ=${theta}`).toBe(lo > theta);
      expect(pBelow(s, theta) <= 0.025, `θ=${theta}`).toBe(hi < theta);
    }
  });
});

describe('pTwoSided', () => {
  it('is twice the smaller one-sided p-value', () => {
    const s: LocationSample = { design: 'paired', method: 'paired-log-t', d: [0.1, 0.2, 0.15, 0.12] };
    expect(pTwoSided(s, 0)).toBeCloseTo(2 * pAbove(s, 0), 12);
    expect(pTwoSided(s, 1)).toBeCloseTo(2 * pBelow(s, 1), 12);
  });
  it('gives 0 or 1 for rounds without spread', () => {
    const s: LocationSample = { design: 'paired', method: 'paired-log-t', d: [0.1, 0.1, 0.1] };
    expect(pAbove(s, 0)).toBe(0);
    expect(pBelow(s, 0)).toBe(1);
  });
});

describe('estimateOf', () => {
  it('is insufficient, with the reason, when the method has no interval at that level', () => {
    const e = estimateOf({ design: 'paired', method: 'wilcoxon-hl', d: [0.1, 0.2, 0.3, 0.4, 0.5] }, 0.95);
    expect(e.kind).toBe('insufficient');
    expect(e.kind === 'insufficient' && e.reasons[0]).toMatch(/Wilcoxon signed-rank \(Hodges–Lehmann\) has no 95% interval with 5 pairs/);
  });
});
