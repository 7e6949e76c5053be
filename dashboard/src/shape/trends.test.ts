import { describe, expect, it } from 'vitest';
import type { SweepSummary } from '../../../harness/src/serve/api-types.ts';
import type { SeriesPoint } from '../../../harness/src/store/types.ts';
import { markRegressions, sustainableTrend, trendSeries } from './trends.ts';

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

describe('sustainableTrend', () => {
  const sweep = (id: string, started_at: string, rows: [string, number, boolean?][], scenario = 'ingest', git_branch = 'main'): SweepSummary => ({
    id,
    started_at,
    git_sha: id,
    git_branch,
    scenarios: [scenario],
    sustainable: rows.map(([processor, rate_per_s, lower_bound]) => ({
      scenario,
      processor,
      rate_per_s,
      events_per_s: scenario === 'ingest' ? rate_per_s * 100 : 0,
      events_per_s_per_core: scenario === 'ingest' ? rate_per_s * 100 : 0,
      lower_bound: lower_bound ?? false,
      confirmed: true,
    })),
  });

  it('orders sweeps oldest first on an axis of their own, in events/s when every point has events', () => {
    const t = sustainableTrend([sweep('s2', '2026-02-01T00:00:00Z', [['go', 110]]), sweep('s1', '2026-01-01T00:00:00Z', [['go', 100], ['rust', 300]])], 'ingest', undefined);
    expect(t.unit).toBe('events/s');
    expect(t.sweeps).toBe(2);
    expect(t.series.map((s) => [s.processor, s.points.map((p) => [p.run_id, p.index, p.value])])).toEqual([
      ['go', [['s1', 0, 10_000], ['s2', 1, 11_000]]],
      ['rust', [['s1', 0, 30_000]]],
    ]);
  });

  it('falls back to requests/s for a scenario without an events figure', () => {
    const t = sustainableTrend([sweep('s1', '2026-01-01T00:00:00Z', [['go', 5000]], 'reads')], 'reads', undefined);
    expect(t.unit).toBe('req/s');
    expect(t.series[0]!.points[0]!.value).toBe(5000);
  });

  it('flags a drop in sustainable throughput as a regression', () => {
    const t = sustainableTrend(['1', '2', '3'].map((d, i) => sweep(`s${d}`, `2026-01-0${d}T00:00:00Z`, [['go', [100, 101, 70][i]!]])), 'ingest', undefined);
    expect(t.series[0]!.points.map((p) => p.regression)).toEqual([false, false, true]);
  });

  it('never flags a driver-limited lower bound, nor lets it set the reference', () => {
    const t = sustainableTrend(
      ['1', '2', '3'].map((d, i) => sweep(`s${d}`, `2026-01-0${d}T00:00:00Z`, [['rust', [100, 20, 99][i]!, i === 1]])),
      'ingest',
      undefined,
    );
    expect(t.series[0]!.points.map((p) => [p.lower_bound, p.regression])).toEqual([[false, false], [true, false], [false, false]]);
  });

  it('keeps only the branch asked for and the sweeps that measured the scenario', () => {
    const t = sustainableTrend(
      [sweep('s1', '2026-01-01T00:00:00Z', [['go', 100]]), sweep('s2', '2026-01-02T00:00:00Z', [['go', 90]], 'ingest', 'feat'), sweep('s3', '2026-01-03T00:00:00Z', [['go', 5]], 'reads')],
      'ingest',
      'main',
    );
    expect(t.sweeps).toBe(1);
    expect(t.series[0]!.points.map((p) => p.run_id)).toEqual(['s1']);
  });
});
