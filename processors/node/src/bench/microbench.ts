// Micro-benchmarks of the hot paths, exactly as the server runs them minus the socket, through
// the same ProcessorCore the server calls (so `--core-addon core.node` times processors/node-rust's
// Rust core behind the same JavaScript):
//   ingest:        UTF-8 check, validate + aggregate a 100-event batch, JSON response
//   analyze_reads: UTF-8 check, FASTQ parse + statistics + canonical 11-mers of 50 × 150 bp, JSON response
//   key:           GET /v1/keys/{key} of a key with a full window, JSON response
// Run with `npm run microbench` (builds first, runs the release output in dist/ on runtime/bin/node).
//   --core-addon PATH  the core to time (default: this folder's TypeScript core)
//   --smoke            a few iterations per case: checks the path, figures mean nothing
// With MICROBENCH_OUT=FILE (set by `harness microbench`) the samples of every case are written
// there as the harness's samples file (harness/schema/v1/microbench-samples.schema.json).

import { isUtf8 } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Bench, type Task } from 'tinybench';
import { CoreLoadError, loadAddonCore } from '../addon-core.ts';
import type { CoreChoice } from '../core.ts';
import { JsCore } from '../js-core.ts';
import { IMPL } from '../server.ts';
import { eventBatch, fastqBody, seededRandom } from './workloads.ts';

const BATCH_EVENTS = 100;
const KEYS = 10_000;
const FASTQ_READS = 50;
const READ_LENGTH = 150;
/** Distinct inputs cycled through, so no single payload sits in cache. */
const VARIANTS = 64;

interface Case {
  name: string;
  batch_size: number;
  batch_unit: string;
}

function fail(message: string): never {
  process.stderr.write(`microbench: ${message}\n`);
  process.exit(1);
}

function options(): { addon?: string; smoke: boolean } {
  try {
    const { values } = parseArgs({ options: { 'core-addon': { type: 'string' }, smoke: { type: 'boolean' } }, strict: true });
    return { ...(values['core-addon'] !== undefined ? { addon: values['core-addon'] } : {}), smoke: values.smoke ?? false };
  } catch (err) {
    return fail((err as Error).message);
  }
}

function chooseCore(addon: string | undefined): CoreChoice {
  if (addon === undefined) return { impl: IMPL, core: new JsCore() };
  try {
    return loadAddonCore(addon);
  } catch (err) {
    if (err instanceof CoreLoadError) fail(err.message);
    throw err;
  }
}

function tinybenchVersion(): string {
  const entry = createRequire(import.meta.url).resolve('tinybench');
  const pkg = createRequire(import.meta.url)(join(dirname(entry), '..', 'package.json')) as { version: string };
  return pkg.version;
}

const opts = options();
const { impl, core } = chooseCore(opts.addon);
const random = seededRandom(42);
const batches = Array.from({ length: VARIANTS }, () => eventBatch(random, BATCH_EVENTS, KEYS));
const bodies = Array.from({ length: VARIANTS }, () => fastqBody(random, FASTQ_READS, READ_LENGTH));
// The batches are ingested once before timing, so the key lookups find their keys (those of the
// few invalid events excepted, which the filter drops).
for (const body of batches) core.ingest(body);
const keys = [...new Set(batches.flatMap((b) => (JSON.parse(b.toString('utf8')) as { key: string }[]).map((e) => e.key)))].filter((k) => core.key(k) !== null);

let next = 0;
let sink = 0; // keeps the results observable so nothing is optimised away

const bench = new Bench({
  name: `processor-${impl} hot paths`,
  retainSamples: true,
  ...(opts.smoke ? { time: 0, iterations: 3, warmupTime: 0, warmupIterations: 1 } : { time: 2000, warmupTime: 500 }),
});
const cases = new Map<Task, Case>();
const add = (c: Case, fn: () => void) => {
  bench.add(`${c.name}/${c.batch_unit}=${c.batch_size}`, fn);
  cases.set(bench.tasks.at(-1)!, c);
};
add({ name: 'ingest', batch_size: BATCH_EVENTS, batch_unit: 'events' }, () => {
  const body = batches[next++ % VARIANTS]!;
  if (!isUtf8(body)) throw new Error('bench input is not UTF-8');
  sink += JSON.stringify(core.ingest(body)).length;
});
add({ name: 'analyze_reads', batch_size: FASTQ_READS, batch_unit: 'reads' }, () => {
  const body = bodies[next++ % VARIANTS]!;
  if (!isUtf8(body)) throw new Error('bench input is not UTF-8');
  sink += JSON.stringify(core.analyzeReads(body)).length;
});
add({ name: 'key', batch_size: 1, batch_unit: 'keys' }, () => {
  sink += JSON.stringify(core.key(keys[next++ % keys.length]!)).length;
});

await bench.run();

const records = [];
for (const task of bench.tasks) {
  const c = cases.get(task)!;
  const r = task.result;
  if (r.state !== 'completed') fail(`${task.name}: ${r.state}${'error' in r ? `: ${String(r.error)}` : ''}`);
  // tinybench times every call on its own: one sample per call, in milliseconds.
  const samplesNs = Array.from(r.latency.samples ?? [], (ms) => ms * 1e6);
  if (samplesNs.length === 0) fail(`${task.name}: tinybench kept no samples`);
  if (samplesNs.some((ns) => !(ns > 0))) fail(`${task.name}: a call timed as 0 ns (below the timer's resolution)`);
  const perOpUs = r.latency.p50! * 1000;
  console.log(`${task.name}: median ${perOpUs.toFixed(2)} us/call, ${Math.round((c.batch_size * 1e6) / perOpUs).toLocaleString('en')} ${c.batch_unit}/s (${samplesNs.length} calls)`);
  records.push({ ...c, implementation: impl, language: 'TypeScript', samples_ns: samplesNs, iterations: samplesNs.length });
}

const out = process.env.MICROBENCH_OUT;
if (out) {
  const file = { tool: `tinybench ${tinybenchVersion()}`, runtime: `node ${process.version}`, smoke: opts.smoke, results: records };
  writeFileSync(out, `${JSON.stringify(file)}\n`);
}
if (sink === 0) console.log('');
