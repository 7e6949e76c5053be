// One contract, every store: registers the same vitest tests for any StoreReader seeded with the
// contract runs. Expected values are computed here from the seeded records, independently of the
// stores' own query code.
import hdr from 'hdr-histogram-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Measurement, RunRecord } from '../results/schema.ts';
import { contractRuns } from './contract-fixtures.ts';
import type { StoreReader } from './types.ts';

export interface SeededStore {
  store: StoreReader;
  cleanup: () => Promise<void>;
}

/** Creates a store holding exactly `runs`; `cleanup` removes it (temp folder, throwaway database). */
export type SeededStoreFactory = (runs: RunRecord[]) => Promise<SeededStore>;

function expectedMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

function measureOf(m: Measurement) {
  return m.phases.find((p) => p.phase === 'measure')!;
}

export function storeContract(label: string, factory: SeededStoreFactory, opts: { skip?: string } = {}): void {
  const suite = opts.skip ? describe.skip : describe;
  suite(`store contract: ${label}${opts.skip ? ` (skipped: ${opts.skip})` : ''}`, () => {
    const runs = contractRuns();
    const byId = new Map(runs.map((r) => [r.manifest.run_id, r]));
    let seeded: SeededStore | undefined;
    const store = () => seeded!.store;

    beforeAll(async () => {
      seeded = await factory(structuredClone(runs));
    });
    afterAll(async () => {
      await seeded?.store.close();
      await seeded?.cleanup();
    });

    it('lists every run newest first, equal start times ordered by run id descending', async () => {
      const ids = (await store().listRuns()).map((r) => r.run_id);
      expect(ids).toEqual(['c-005-feat', 'c-006-main', 'c-004-main', 'c-003-feat', 'c-002-main', 'c-001-main']);
    });

    it('summarizes a run from its manifest', async () => {
      const [s] = await store().listRuns({ branch: 'feature/x', scenario: 'ingest' });
      const m = byId.get('c-003-feat')!.manifest;
      expect(s).toEqual({
        run_id: 'c-003-feat', started_at: m.started_at, status: 'complete', profile: m.profile,
        git_sha: m.provenance.git_sha, git_branch: 'feature/x', git_dirty: false,
        scenarios: ['ingest', 'reads'], processors: ['node', 'go'],
      });
    });

    it('filters runs by branch', async () => {
      expect((await store().listRuns({ branch: 'feature/x' })).map((r) => r.run_id)).toEqual(['c-005-feat', 'c-003-feat']);
    });

    it('filters runs by scenario', async () => {
      expect((await store().listRuns({ scenario: 'reads' })).map((r) => r.run_id)).toEqual(['c-005-feat', 'c-006-main', 'c-004-main', 'c-003-feat', 'c-001-main']);
    });

    it('filters runs by processor', async () => {
      expect((await store().listRuns({ processor: 'rust' })).map((r) => r.run_id)).toEqual(['c-005-feat', 'c-006-main', 'c-004-main', 'c-002-main', 'c-001-main']);
    });

    it('filters runs by an inclusive time window', async () => {
      const since = byId.get('c-002-main')!.manifest.started_at;
      const until = byId.get('c-004-main')!.manifest.started_at;
      expect((await store().listRuns({ since, until })).map((r) => r.run_id)).toEqual(['c-006-main', 'c-004-main', 'c-003-feat', 'c-002-main']);
    });

    it('filters runs by status', async () => {
      expect((await store().listRuns({ status: 'incomplete' })).map((r) => r.run_id)).toEqual(['c-002-main']);
    });

    it('limits the list to the newest N', async () => {
      expect((await store().listRuns({ limit: 2 })).map((r) => r.run_id)).toEqual(['c-005-feat', 'c-006-main']);
    });

    it('returns an empty list when nothing matches', async () => {
      expect(await store().listRuns({ branch: "main' OR '1'='1" })).toEqual([]);
    });

    it('returns a run exactly as it was written', async () => {
      for (const id of ['c-001-main', 'c-004-main']) {
        const back = await store().getRun(id);
        const want = byId.get(id)!;
        expect(back?.manifest).toEqual(want.manifest);
        const key = (m: { scenario: string; processor: string }) => `${m.scenario}/${m.processor}`;
        const sortM = (ms: Measurement[]) => [...ms].sort((a, b) => key(a).localeCompare(key(b)) || a.repetition - b.repetition);
        expect(sortM(back!.measurements)).toEqual(sortM(want.measurements));
        expect([...back!.capacity].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...want.capacity].sort((a, b) => key(a).localeCompare(key(b))));
      }
    });

    it('returns the v2 figures (stalls, tail composition, clean percentiles, GC cycles) exactly, and none for a measurement written without them', async () => {
      const back = (await store().getRun('c-004-main'))!;
      const key = (m: Measurement) => `${m.scenario}/${m.processor}/${m.repetition}`;
      const got = new Map(back.measurements.map((m) => [key(m), m]));
      const written = byId.get('c-004-main')!.measurements;
      const fields = ['raw_intervals', 'platform', 'tail', 'clean', 'gc_cycles'] as const;
      const v2 = written.filter((m) => m.tail !== undefined);
      expect(v2.length).toBe(written.length - 1);
      for (const m of v2) for (const f of fields) expect(got.get(key(m))![f]).toEqual(m[f]);
      expect(v2.some((m) => m.platform === null && got.get(key(m))!.platform === null)).toBe(true);
      const v1 = got.get(key(written.find((m) => m.tail === undefined)!))!;
      for (const f of fields) expect(v1[f]).toBeUndefined();
    });

    it('returns undefined for a run it does not have', async () => {
      expect(await store().getRun('no-such-run')).toBeUndefined();
      expect(await store().getRun("c-001-main' OR 1=1 --")).toBeUndefined();
    });

    it('gives the latest run, optionally filtered', async () => {
      expect((await store().latestRun())?.manifest.run_id).toBe('c-005-feat');
      expect((await store().latestRun({ branch: 'main', scenario: 'reads' }))?.manifest.run_id).toBe('c-006-main');
      expect(await store().latestRun({ branch: 'nope' })).toBeUndefined();
    });

    it('draws a series as the median over repetitions of ok measurements, oldest run first', async () => {
      const points = await store().series({ metric: 'p99_us', scenario: 'ingest', processor: 'go', branch: 'main' });
      const want = ['c-001-main', 'c-002-main', 'c-004-main', 'c-006-main'].map((id) => {
        const vs = byId.get(id)!.measurements
          .filter((m) => m.scenario === 'ingest' && m.processor === 'go' && m.status === 'ok')
          .map((m) => measureOf(m).corrected.p99_us);
        return { run_id: id, processor: 'go', value: expectedMedian(vs), repetitions: vs.length };
      });
      // c-004 and c-006 start together: oldest first, then run id ascending.
      expect(points.map((p) => ({ run_id: p.run_id, processor: p.processor, value: p.value, repetitions: p.repetitions }))).toEqual(want);
      expect(points[0]!.repetitions).toBe(2);
      expect(points[0]).toMatchObject({ git_branch: 'main', git_sha: byId.get('c-001-main')!.manifest.provenance.git_sha, started_at: byId.get('c-001-main')!.manifest.started_at });
    });

    it('draws one series point per processor when no processor is given, over the last N runs', async () => {
      const points = await store().series({ metric: 'steady_rss_bytes', scenario: 'reads', last: 2 });
      const want: { run_id: string; processor: string; value: number }[] = [];
      for (const id of ['c-006-main', 'c-005-feat']) {
        const run = byId.get(id)!;
        for (const p of [...new Set(run.measurements.map((m) => m.processor))].sort()) {
          const vs = run.measurements.filter((m) => m.scenario === 'reads' && m.processor === p && m.resources).map((m) => m.resources!.steady_rss_bytes);
          want.push({ run_id: id, processor: p, value: expectedMedian(vs) });
        }
      }
      expect(points.map((p) => ({ run_id: p.run_id, processor: p.processor, value: p.value }))).toEqual(want);
    });

    it('leaves out measurements without the metric (no resources)', async () => {
      const points = await store().series({ metric: 'peak_rss_bytes', scenario: 'ingest', processor: 'node', branch: 'main' });
      const p4 = points.find((p) => p.run_id === 'c-004-main')!;
      expect(p4.repetitions).toBe(1);
    });

    it('draws a capacity series from the closed-loop results', async () => {
      const points = await store().series({ metric: 'capacity_events_per_s', scenario: 'ingest', processor: 'rust' });
      const want = ['c-001-main', 'c-002-main', 'c-004-main', 'c-006-main'].map((id) => byId.get(id)!.capacity.find((c) => c.scenario === 'ingest' && c.processor === 'rust')!.events_per_s);
      expect(points.map((p) => p.value)).toEqual(want);
    });

    it('returns an empty series for an unknown scenario', async () => {
      expect(await store().series({ metric: 'p50_us', scenario: "x'; DROP TABLE runs; --" })).toEqual([]);
    });

    it('merges the repetitions\u2019 histograms exactly', async () => {
      for (const which of ['corrected', 'uncorrected'] as const) {
        const encoded = await store().mergedHistogram({ run_id: 'c-001-main', scenario: 'ingest', processor: 'go', which });
        const reps = byId.get('c-001-main')!.measurements.filter((m) => m.scenario === 'ingest' && m.processor === 'go' && m.status === 'ok');
        const want = hdr.build({ autoResize: true });
        for (const m of reps) want.add(hdr.decodeFromCompressedBase64(which === 'corrected' ? measureOf(m).corrected_hdr : measureOf(m).uncorrected_hdr));
        const got = hdr.decodeFromCompressedBase64(encoded!);
        expect(got.totalCount).toBe(want.totalCount);
        for (const q of [0, 50, 90, 99, 99.9, 100]) expect(got.getValueAtPercentile(q)).toBe(want.getValueAtPercentile(q));
        expect(got.totalCount).toBe(reps.reduce((s, m) => s + measureOf(m).corrected.count, 0));
      }
    });

    it('returns no merged histogram for a run, scenario or processor it does not have', async () => {
      expect(await store().mergedHistogram({ run_id: 'c-002-main', scenario: 'reads', processor: 'go', which: 'corrected' })).toBeUndefined();
      expect(await store().mergedHistogram({ run_id: 'nope', scenario: 'ingest', processor: 'go', which: 'corrected' })).toBeUndefined();
    });
  });
}
