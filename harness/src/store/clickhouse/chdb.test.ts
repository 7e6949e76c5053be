// The same DDL and query texts on a current ClickHouse engine (chDB, in-process) as on the 18.16
// server: every migration must apply, every store query must run, and the answers must equal the
// server's. chDB comes from PyPI (`pip install chdb-core`; .ci/run installs it). Under npm test or CI a
// missing chDB fails this test; elsewhere it skips and says why.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractRuns } from '../contract-fixtures.ts';
import { syntheticMicrobench } from '../microbench-fixtures.ts';
import { listMicrobenchSql, microbenchRowsSql } from './microbench-queries.ts';
import { microbenchRows } from './microbench-rows.ts';
import { SERIES_METRICS } from '../series-logic.ts';
import { connect, type Connection } from './connection.ts';
import { loadMigrations, SCHEMA_MIGRATIONS_DDL } from './migrate.ts';
import { countRunRowsSql, listRunsSql, runIdsSql, measureHistogramsSql, RUN_TABLES, runTableSql, seriesValuesSql, storedManifestsSql } from './queries.ts';
import { runRows, type RunRows } from './rows.ts';
import { serverSkipReason, servicesRequired, throwawayDatabase, type ThrowawayDatabase } from './test-server.ts';
import { sql, type Sql } from './sql-values.ts';
import { sampleTradeoffs } from '../../tradeoffs/fixtures/sample-result.ts';
import { tradeoffsRows } from './tradeoffs-rows.ts';
import { latestTradeoffsIdSql, tradeoffsRunSql } from './tradeoffs-store.ts';
import { sampleSweep } from '../../sweep/fixtures/sample-sweep.ts';
import { sweepRows, type SweepRows } from './sweep-rows.ts';
import { latestSweepIdSql, sustainableTrendSql, sweepResultsSql, sweepStepsSql } from './sweep-store.ts';

const SWEEP_IDS = ['20261201T130000Z-abc1234-0001', '20261202T130000Z-abc1234-0002'];
/** Two sweeps, the first written twice (the newer version must win on both engines). */
async function sweepTableRows(): Promise<SweepRows> {
  const first = await sampleSweep(SWEEP_IDS[0]!);
  const second = { ...(await sampleSweep(SWEEP_IDS[1]!, { go: 5000, rust: 31_000 })), started_at: '2026-12-02T13:00:00.000Z' };
  const parts = [sweepRows({ ...first, notes: ['older copy'] }, 1), sweepRows(first, 2), sweepRows(second, 3)];
  return { sweep_results: parts.flatMap((p) => p.sweep_results), sweep_steps: parts.flatMap((p) => p.sweep_steps) };
}

const RUNNER = fileURLToPath(new URL('./chdb-runner.py', import.meta.url));
const MICROBENCH = [
  syntheticMicrobench('20261201T090000Z-abc1234-0001', '2026-12-01T09:00:00Z'),
  syntheticMicrobench('20261201T100000Z-abc1234-0002', '2026-12-01T10:00:00Z', { smoke: true, withSources: false }),
];

function chdbSkipReason(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import chdb'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  const why = `chDB is not importable by python3 (${(probe.stderr || probe.error?.message || 'unknown').trim().split('\n').pop()}); install it with \`pip install chdb-core\``;
  if (servicesRequired()) throw new Error(why);
  return why;
}

const skip = chdbSkipReason() ?? (await serverSkipReason());

/** Two trade-offs runs, the second written twice (the newer version must win on both engines). */
const TRADEOFFS = [sampleTradeoffs('20261201T120000Z-abc1234-0001'), { ...sampleTradeoffs('20261202T080000Z-abc1234-0002'), started_at: '2026-12-02T08:00:00.000Z' }];
const tradeoffsTableRows = () => [
  ...tradeoffsRows(TRADEOFFS[0]!, 1),
  ...tradeoffsRows({ ...TRADEOFFS[0]!, notes: ['older copy'] }, 0),
  ...tradeoffsRows(TRADEOFFS[1]!, 2),
];

interface Step { sql: string; rows: boolean }
type StepResult = { ok: true; rows?: Record<string, unknown>[] } | { ok: false; error: string };

function runOnChdb(steps: Step[]): StepResult[] {
  const r = spawnSync('python3', [RUNNER], { input: JSON.stringify({ steps }), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`chdb-runner exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as StepResult[];
}

/** Inline JSONEachRow insert: the same rows the client sends to the server. */
function insertStep(table: string, rows: Record<string, unknown>[]): Step {
  return { sql: `INSERT INTO ${table} FORMAT JSONEachRow\n${rows.map((r) => JSON.stringify(r)).join('\n')}\n`, rows: false };
}

/** 64-bit integers are quoted by 18.16 and not by current servers: compare as numbers; sort what has no defined order. */
function normalize(rows: Record<string, unknown>[]): unknown[] {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && v.length < 16) return Number(v);
    return v;
  };
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, norm(v)])));
}

function microbenchRowsOf(): Record<string, unknown>[] {
  return MICROBENCH.flatMap((m, i) => microbenchRows(m, i + 1));
}

function queriesOf(runIds: string[]): { name: string; q: Sql; unordered?: boolean }[] {
  const out: { name: string; q: Sql; unordered?: boolean }[] = [
    { name: 'list all', q: listRunsSql({}, 100) },
    { name: 'list filtered', q: listRunsSql({ branch: 'main', scenario: 'reads', processor: 'rust', status: 'complete', since: '2026-01-10T12:00:00Z', until: '2026-01-11T00:00:00.000Z' }, 3) },
    { name: 'list hostile', q: listRunsSql({ branch: "x' OR '1'='1\\", scenario: 'a\u0000b\n' }, 10) },
    { name: 'stored manifests', q: storedManifestsSql(runIds) },
    { name: 'migrations', q: sql`SELECT version FROM schema_migrations FINAL ORDER BY version` },
    { name: 'merged histogram input', q: measureHistogramsSql({ run_id: 'c-001-main', scenario: 'ingest', processor: 'go', which: 'uncorrected' }) },
  ];
  for (const t of RUN_TABLES) {
    out.push({ name: `run rows ${t}`, q: runTableSql(t, 'c-004-main') });
    out.push({ name: `count ${t}`, q: countRunRowsSql(t, 'c-001-main') });
  }
  for (const m of SERIES_METRICS) out.push({ name: `series ${m}`, q: seriesValuesSql(m, 'ingest', runIds), unordered: true });
  out.push({ name: 'series one processor', q: seriesValuesSql('p99_us', 'reads', runIds, 'go'), unordered: true });
  out.push({ name: 'series over a run subquery', q: seriesValuesSql('p99_us', 'ingest', runIdsSql({ branch: 'main', scenario: 'ingest' }, 3)), unordered: true });
  out.push({ name: 'run ids', q: runIdsSql({ processor: 'rust' }, 100) });
  out.push({ name: 'microbench list', q: listMicrobenchSql(10), unordered: true });
  out.push({ name: 'microbench list limited', q: listMicrobenchSql(1), unordered: true });
  out.push({ name: 'microbench rows', q: microbenchRowsSql(MICROBENCH.map((m) => m.id)) });
  out.push({ name: 'tradeoffs run', q: tradeoffsRunSql(TRADEOFFS[0]!.id) });
  out.push({ name: 'tradeoffs latest', q: latestTradeoffsIdSql() });
  out.push({ name: 'sweep results', q: sweepResultsSql(SWEEP_IDS[0]!) });
  out.push({ name: 'sweep steps', q: sweepStepsSql(SWEEP_IDS[0]!) });
  out.push({ name: 'sweep latest', q: latestSweepIdSql() });
  out.push({ name: 'sustainable trend', q: sustainableTrendSql({ scenario: 'ingest', processor: 'rust' }) });
  out.push({ name: 'sustainable trend, newest one', q: sustainableTrendSql({ last: 1 }) });
  return out;
}

describe.skipIf(skip !== undefined)(`the store's SQL on a current engine (chDB)${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const runs = contractRuns();
  const runIds = runs.map((r) => r.manifest.run_id);
  const migrations = loadMigrations();
  const queries = queriesOf(runIds);
  let chdb: StepResult[];
  let db: ThrowawayDatabase;
  let conn: Connection;
  let setupCount = 0;

  beforeAll(async () => {
    const all: RunRows = { runs: [], measurements: [], capacity: [], intervals: [], resource_samples: [], runtime_pauses: [], measurement_details: [] };
    for (const [i, r] of runs.entries()) {
      const rows = runRows(r, i + 1);
      for (const t of RUN_TABLES) all[t].push(...rows[t]);
    }
    const sweeps = await sweepTableRows();
    const setup: Step[] = [
      { sql: SCHEMA_MIGRATIONS_DDL, rows: false },
      ...migrations.flatMap((m) => m.statements.map((sql) => ({ sql, rows: false }))),
      // Applying every migration twice proves it idempotent on the current engine too.
      ...migrations.flatMap((m) => m.statements.map((sql) => ({ sql, rows: false }))),
      insertStep('schema_migrations', migrations.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum, applied_at: 'x' }))),
      ...RUN_TABLES.map((t) => insertStep(t, all[t])),
      insertStep('microbench', microbenchRowsOf()),
      insertStep('tradeoffs', tradeoffsTableRows()),
      insertStep('sweep_results', sweeps.sweep_results),
      insertStep('sweep_steps', sweeps.sweep_steps),
    ];
    setupCount = setup.length;
    chdb = runOnChdb([...setup, ...queries.map((q) => ({ sql: q.q.text, rows: true }))]);
    db = await throwawayDatabase('harness_chdb');
    conn = connect(db.cfg);
    for (const t of RUN_TABLES) await conn.insert(t, all[t]);
    await conn.insert('microbench', microbenchRowsOf());
    await conn.insert('tradeoffs', tradeoffsTableRows());
    await conn.insert('sweep_results', sweeps.sweep_results);
    await conn.insert('sweep_steps', sweeps.sweep_steps);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  it('applies every migration (twice) and takes the inserts', () => {
    const failed = chdb.slice(0, setupCount).filter((r) => !r.ok);
    expect(failed).toEqual([]);
  });

  it('runs every store query', () => {
    const failed = queries.map((q, i) => ({ name: q.name, r: chdb[setupCount + i]! })).filter((x) => !x.r.ok);
    expect(failed).toEqual([]);
  });

  it('answers every store query as the 18.16 server does', async () => {
    for (const [i, q] of queries.entries()) {
      if (q.name === 'migrations') continue; // the server's throwaway database has its own record
      const fromChdb = chdb[setupCount + i]!;
      if (!fromChdb.ok) continue; // reported by the test above
      const fromServer = normalize(await conn.query(q.q));
      let got = normalize(fromChdb.rows ?? []);
      let want = fromServer;
      if (q.unordered) {
        const canon = (rows: unknown[]) => rows.map((r) => JSON.stringify(Object.entries(r as object).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]))).sort();
        got = canon(got);
        want = canon(want);
      }
      expect({ name: q.name, rows: got }).toEqual({ name: q.name, rows: want });
    }
  });
});
