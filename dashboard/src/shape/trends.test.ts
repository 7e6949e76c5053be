import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../../harness/src/store/types.ts';
import { markRegressions, trendSeries } from './trends.ts';

describe('markRegressions', () => {
  it('flags a latency jump above the recent median', () => {
    expect(markRegressions([100, 102, 99, 101, 150], 'lower-is-better')).toEqual([false, false, false, false, true]);
  });
  it('does not flag a latency drop', () => {
    expect(markRegressions([100, 101, 60], 'lower-is-better')).toEqual([false, false, false]);
  });
  it('flags a throughput drop when higher is better', () => {
    expect(markRegressions([1000, 1010, 700], 'higher-is-better')).toEqual([false, false, true]);
  });
  it('compares against a window, so an old slow run no longer sets the reference', () => {
    expect(markRegressions([200, 100, 100, 100, 100, 100, 125], 'lower-is-better', { window: 5 })).toEqual([
      false, false, false, false, false, false, true,
    ]);
  });
});

describe('trendSeries', () => {
  const pt = (run_id: string, started_at: string, processor: string, value: number): SeriesPoint => ({
    run_id, started_at, processor, value, git_sha: run_id, git_branch: 'main', repetitions: 3,
  });
  it('orders runs oldest first and indexes them on a shared axis', () => {
    const out = trendSeries(
      [pt('b', '2026-01-02T00:00:00Z', 'go', 110), pt('a', '2026-01-01T00:00:00Z', 'go', 100), pt('b', '2026-01-02T00:00:00Z', 'rust', 90)],
      'lower-is-better',
    );
    expect(out.map((s) => s.processor)).toEqual(['go', 'rust']);
    expect(out[0]!.points.map((p) => [p.run_id, p.index])).toEqual([['a', 0], ['b', 1]]);
    expect(out[1]!.points.map((p) => p.index)).toEqual([1]);
  });
});
