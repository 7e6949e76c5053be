// Store benchmarks (`npm run bench:store`): push a full-profile-sized run, then seed 1,000 runs and
// time the two queries the issue names, on ClickHouse and on the file store side by side. The
// seeded runs get newRunId ids and go to the file store through the FileSink, as real runs do.
// Prints medians of several repetitions; figures go into harness/src/store/README.md.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RunRecord } from '../results/schema.ts';
import { newRunId } from '../results/layout.ts';
import { syntheticRun } from '../results/synthetic.ts';
import { writeRunDir } from '../results/write-run.ts';
import { ClickHouseStore } from './clickhouse/clickhouse-store.ts';
import { connect, nextVersion } from './clickhouse/connection.ts';
import { insertRunRows, pushRun } from './clickhouse/push.ts';
import { runRows, type RunRows } from './clickhouse/rows.ts';
import { throwawayDatabase } from './clickhouse/test-server.ts';
import { FileSink } from './file-sink.ts';
import { FileStore } from './file-store.ts';
import { median } from './series-logic.ts';
import type { StoreReader } from './types.ts';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const SEEDED_RUNS = Number(process.env.BENCH_RUNS ?? 1000);
/** BENCH_FILE_STORE=0 times ClickHouse only (seeding the file store takes most of the bench's time). */
const WITH_FILE_STORE = process.env.BENCH_FILE_STORE !== '0';

/** A run the size of the `full` profile: 5 repetitions x 4 scenarios x 3 processors, 30 intervals, 300 samples each. */
function fullProfileRun(): RunRecord {
  const run = syntheticRun({ seed: 424242, run_id: 'bench-full', repetitions: 5, scenarios: ['ingest', 'reads', 'mixed', 'burst'], samples_per_phase: 2000 });
  for (const m of run.measurements) {
    const iv = m.intervals[1]!;
    m.intervals = Array.from({ length: 30 }, (_, i) => ({ ...iv, t_s: i, phase: i < 5 ? 'warmup' : 'measure' }));
    const s = m.resources!.samples;
    m.resources!.samples = Array.from({ length: 300 }, (_, i) => ({ ...s[i % s.length]!, t_s: i * 0.1 }));
  }
  return run;
}

async function sinkRun(root: string, r: RunRecord): Promise<void> {
  const sink = new FileSink(root);
  await sink.start({ ...r.manifest, status: 'running', finished_at: null });
  for (const m of r.measurements) sink.addMeasurement(m);
  for (const c of r.capacity) sink.addCapacity(c);
  const outcome = await sink.stop(r.manifest);
  if (!outcome.ok) throw new Error(outcome.error);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function medianMs(fn: () => Promise<unknown>): Promise<{ median_ms: number; all_ms: number[] }> {
  await fn(); // warm-up: connection, caches
  const all: number[] = [];
  for (let i = 0; i < REPEAT; i++) all.push(await time(fn));
  return { median_ms: median(all), all_ms: all.map((x) => Math.round(x * 10) / 10) };
}

const fmt = (r: { median_ms: number; all_ms: number[] }) => `median ${r.median_ms.toFixed(1)} ms  (runs: ${r.all_ms.join(', ')})`;

async function main(): Promise<void> {
  const db = await throwawayDatabase('harness_bench');
  const conn = connect(db.cfg);
  const root = await mkdtemp(path.join(os.tmpdir(), 'bench-store-'));
  try {
    const full = fullProfileRun();
    const rows = runRows(full, 1);
    const rowCount = Object.values(rows).reduce((s, r: unknown[]) => s + r.length, 0);
    console.log(`full-profile run: ${full.measurements.length} measurements, ${rowCount} rows, ${(Buffer.byteLength(JSON.stringify(full)) / 1e6).toFixed(1)} MB as JSON`);
    const push = await medianMs(() => pushRun(conn, full));
    console.log(`push full-profile run to ClickHouse            ${fmt(push)}  [target < 2000 ms]`);

    console.log(`seeding ${SEEDED_RUNS} runs (2 scenarios x 3 processors x 3 repetitions each)…`);
    const t0 = Date.UTC(2026, 0, 1);
    let batch: RunRows = { runs: [], measurements: [], capacity: [], intervals: [], resource_samples: [], runtime_pauses: [], measurement_details: [] };
    for (let i = 0; i < SEEDED_RUNS; i++) {
      // Ids as a real run gets them (newRunId: start time first), written the way a real run is (FileSink).
      const started = new Date(t0 + i * 600_000);
      const r = syntheticRun({ seed: i + 1, run_id: newRunId(started, 'abcdef1', () => (i % 4096) / 4096), started_at: started, git_branch: i % 5 === 0 ? 'feature' : 'main', samples_per_phase: 200 });
      const rr = runRows(r, nextVersion());
      for (const k of Object.keys(batch) as (keyof RunRows)[]) batch[k].push(...rr[k]);
      if (WITH_FILE_STORE) await sinkRun(root, r);
      if ((i + 1) % 100 === 0) {
        await insertRunRows(conn, batch);
        batch = { runs: [], measurements: [], capacity: [], intervals: [], resource_samples: [], runtime_pauses: [], measurement_details: [] };
      }
    }
    await insertRunRows(conn, batch);
    await writeRunDir(path.join(root, full.manifest.run_id), full);

    const stores: StoreReader[] = [new ClickHouseStore(connect(db.cfg)), ...(WITH_FILE_STORE ? [new FileStore(root)] : [])];
    for (const store of stores) {
      // The first query of a fresh store object: nothing cached in memory yet.
      const cold = await time(() => store.series({ metric: 'p99_us', scenario: 'ingest', last: 1000 }));
      console.log(`${store.name.padEnd(10)} p99 series, last 1,000 runs, first query of a fresh store   ${cold.toFixed(1)} ms`);
      const p99 = await medianMs(() => store.series({ metric: 'p99_us', scenario: 'ingest', last: 1000 }));
      const points = (await store.series({ metric: 'p99_us', scenario: 'ingest', last: 1000 })).length;
      console.log(`${store.name.padEnd(10)} p99 of one scenario per processor, last 1,000 runs (${points} points)  ${fmt(p99)}  [target < 200 ms]`);
      const one = await medianMs(() => store.getRun('bench-full'));
      console.log(`${store.name.padEnd(10)} one full-profile run with all its measurements   ${fmt(one)}  [target < 100 ms]`);
      const list = await medianMs(() => store.listRuns({ branch: 'main', limit: 100 }));
      console.log(`${store.name.padEnd(10)} list 100 runs of a branch                         ${fmt(list)}`);
      await store.close();
    }
  } finally {
    await conn.close();
    if (process.env.BENCH_KEEP) console.log(`kept database ${db.cfg.database}`);
    else await db.drop();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
