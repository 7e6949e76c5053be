import { describe, expect, it } from 'vitest';
import { sampleSweep } from '../sweep/fixtures/sample-sweep.ts';
import { compareAtEqualLoad, renderEqualLoadText } from './equal-load.ts';

const sweep = await sampleSweep();
const sc = sweep.scenarios[0]!;
const c = compareAtEqualLoad(sweep, sc, ['go', 'rust'], 'go', { confidence: 0.95, min_n: 3 });

describe('compareAtEqualLoad', () => {
  it('compares at every ladder rate both processors sustained', () => {
    const absolute = c.rows.filter((r) => r.kind === 'absolute').map((r) => r.cells[0]!.rate_per_s);
    expect(absolute.slice(0, 3)).toEqual([250, 375, 563]);
    expect(Math.max(...absolute)).toBeLessThanOrEqual(sc.processors[0]!.sustainable!.rate_per_s);
  });

  it('compares each at a fraction of its own sustainable rate, paired over repetitions', () => {
    const row = c.rows.find((r) => r.load === '80% of each')!;
    const [go, rust] = row.cells;
    expect(go!.rate_per_s).toBe(Math.round(0.8 * sc.processors[0]!.sustainable!.rate_per_s));
    expect(rust!.rate_per_s).toBe(Math.round(0.8 * sc.processors[1]!.sustainable!.rate_per_s));
    expect(rust!.repetitions).toBe(3);
    expect(rust!.ratio_p99_clean).toMatchObject({ kind: 'interval', method: 'paired-log-t' });
  });

  it('compares every processor at a fraction of the baseline’s sustainable rate', () => {
    const [go, rust] = c.rows.find((r) => r.load === '80% of go')!.cells;
    expect(rust!.rate_per_s).toBe(go!.rate_per_s);
    expect(rust!.values.p99_clean!).toBeLessThan(go!.values.p99_clean!);
  });

  it('gives a single repetition its point ratio only', () => {
    const rust = c.rows.find((r) => r.kind === 'absolute')!.cells[1]!;
    expect(rust.ratio_p99_clean).toMatchObject({ kind: 'point' });
  });

  it('renders one row per load', () => {
    const text = renderEqualLoadText([c]);
    expect(text).toMatch(/^ingest at equal load \(sweep 20261201T130000Z-abc1234-0001, baseline go\)/);
    expect(text).toContain('80% of each');
  });
});
