import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SweepResult } from '../../../harness/src/results/sweep-schema.ts';
import { readSweepFile } from '../../../harness/src/store/sweep-files.ts';
import { curveViews, type CurveView } from '../../../harness/src/sweep/curve-view.ts';
import { sampleSweep, withLatencyMissAt } from '../../../harness/src/sweep/fixtures/sample-sweep.ts';
import { latencyDomain, loadSeries, rateDomain, sloFigure, stepFigures, sustainableRows } from './load.ts';

const REAL_SWEEP = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'e2e', 'fixtures', 'sweep-knee', '20261201T135010Z-unknown-a1ed', 'sweep.json');
let real: SweepResult;
let view: CurveView;

beforeAll(async () => {
  real = await readSweepFile(REAL_SWEEP);
  view = curveViews(real)[0]!;
});

describe('loadSeries', () => {
  it('draws one series per processor and percentile', () => {
    expect(loadSeries(view, 'clean').map((s) => `${s.processor} ${s.percentile}`)).toEqual(['knee p50', 'knee p99', 'knee p999', 'knee-fast p50', 'knee-fast p99', 'knee-fast p999']);
  });

  it('puts every curve, bisection and confirmation step on the curve, but no equal-load step', () => {
    const knee = real.scenarios[0]!.processors.find((p) => p.processor === 'knee')!;
    const drawn = loadSeries(view, 'clean').find((s) => s.processor === 'knee' && s.percentile === 'p99')!;
    expect(drawn.points).toHaveLength(knee.steps.filter((s) => s.stage !== 'equal-load').length);
  });

  it('places a step at its achieved rate and its figure', () => {
    const step = real.scenarios[0]!.processors[0]!.steps[0]!;
    const point = loadSeries(view, 'clean')[1]!.points.find((p) => p.step.offered_rate_per_s === step.offered_rate_per_s && p.step.stage === step.stage)!;
    expect(point).toMatchObject({ achieved_rate_per_s: step.achieved_rate_per_s, value_us: step.clean!.p99!.value_us });
  });

  it('draws no whisker for a step too short for an interval', () => {
    expect(loadSeries(view, 'clean')[1]!.points[0]!.whisker_us).toEqual([0, 0]);
  });

  it("draws the step's interval as whiskers below and above the figure", async () => {
    const sample = curveViews(await sampleSweep())[0]!;
    const step = sample.processors[0]!.points[0]!;
    const p99 = step.clean!.p99!;
    const point = loadSeries(sample, 'clean')[1]!.points.find((p) => p.step === step)!;
    expect(point.whisker_us).toEqual([p99.value_us - p99.lo_us!, p99.hi_us! - p99.value_us]);
  });

  it('orders each series by achieved rate', () => {
    for (const s of loadSeries(view, 'raw')) {
      const xs = s.points.map((p) => p.achieved_rate_per_s);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
    }
  });

  it('marks exactly one point per series as the sustainable one, at the sustainable rate', () => {
    for (const s of loadSeries(view, 'clean')) {
      const marked = s.points.filter((p) => p.is_sustainable_point);
      const rate = view.processors.find((p) => p.processor === s.processor)!.sustainable!.rate_per_s;
      expect(marked.map((p) => p.step.offered_rate_per_s)).toEqual([rate]);
    }
  });

  it('keeps unsustainable steps, flagged so they are drawn faded', () => {
    const flags = loadSeries(view, 'clean')[1]!.points.map((p) => p.sustainable);
    expect(flags).toContain(false);
    expect(flags).toContain(true);
  });

  it('leaves out excluded processors', async () => {
    const sample = curveViews(await sampleSweep())[0]!;
    expect(new Set(loadSeries(sample, 'clean').map((s) => s.processor))).toEqual(new Set(['go', 'rust']));
  });
});

describe('sloFigure', () => {
  it('is the figure the SLO bound is stated in', () => {
    expect(sloFigure(view)).toBe('clean');
  });
});

describe('sustainableRows', () => {
  it("prints each processor's sustainable throughput, its reading and why the next rate failed", () => {
    const knee = real.scenarios[0]!.processors[0]!.sustainable!;
    expect(sustainableRows(view)[0]).toMatchObject({
      processor: 'knee',
      requests_per_s: `${knee.rate_per_s} req/s`,
      wording: 'confirmed',
      next_failed: knee.next_reasons.join('; '),
    });
  });

  it('gives the sustainable rate as a share of the closed-loop ceiling', () => {
    const knee = real.scenarios[0]!.processors[0]!;
    expect(sustainableRows(view)[0]!.of_ceiling).toBe(`${((knee.sustainable!.rate_per_s / knee.native_ceiling!.requests_per_s) * 100).toPrecision(2)}%`);
  });

  it('warns when the rate above failed its latency bound with the processor nearly idle', async () => {
    const rows = sustainableRows(curveViews(withLatencyMissAt(await sampleSweep(), 'go', 0.05))[0]!);
    expect(rows.find((r) => r.processor === 'go')!.floor_warning).toBe("the rate above failed at 5% of the processor's budget: the latency floor of this machine or runtime, not a capacity");
    expect(rows.find((r) => r.processor === 'rust')!.floor_warning).toBeNull();
  });

  it('says why an excluded processor has no figure', async () => {
    const node = sustainableRows(curveViews(await sampleSweep())[0]!).find((r) => r.processor === 'node')!;
    expect(node).toMatchObject({ requests_per_s: null, wording: expect.stringContaining('not swept: build') });
  });
});

describe('stepFigures', () => {
  it('names the failed SLO part of an unsustainable step', () => {
    const failed = view.processors[0]!.points.find((p) => !p.sustainable)!;
    expect(Object.fromEntries(stepFigures(failed)).SLO).toBe(`failed: ${failed.reasons.join('; ')}`);
  });

  it('shows the offered and achieved rates of the step', () => {
    const step = view.processors[0]!.points[0]!;
    expect(Object.fromEntries(stepFigures(step))).toMatchObject({ offered: `${step.offered_rate_per_s} req/s`, achieved: `${step.achieved_rate_per_s} req/s` });
  });
});

describe('domains', () => {
  it('hold every achieved rate drawn', () => {
    const series = loadSeries(view, 'clean');
    const [lo, hi] = rateDomain(series);
    for (const p of series.flatMap((s) => s.points)) expect(p.achieved_rate_per_s > lo && p.achieved_rate_per_s < hi).toBe(true);
  });

  it('hold the SLO line even when every step is far below it', () => {
    expect(latencyDomain(loadSeries(view, 'clean'), [10_000_000])[1]).toBeGreaterThan(10_000_000);
  });
});
