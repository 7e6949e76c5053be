// Micro-benchmarks of the two hot paths, exactly as the server runs them minus the socket:
//   events: UTF-8 check, decode, JSON.parse, validate + aggregate 100 events, JSON response
//   reads:  UTF-8 check, FASTQ parse + statistics + canonical 11-mer counting of 50 × 150 bp,
//           JSON response
// Run with `npm run microbench` (builds first, runs the release output in dist/).

import { isUtf8 } from 'node:buffer';
import { Bench } from 'tinybench';
import { ingestBatch } from '../events.ts';
import { analyzeFastq } from '../fastq.ts';
import { ProcessorState } from '../key-state.ts';
import { KmerCounter } from '../kmer-counter.ts';
import { eventBatch, fastqBody, seededRandom } from './workloads.ts';

const BATCH_EVENTS = 100;
const KEYS = 10_000;
const FASTQ_READS = 50;
const READ_LENGTH = 150;
/** Distinct inputs cycled through, so no single payload sits in cache. */
const VARIANTS = 64;

const random = seededRandom(42);
const batches = Array.from({ length: VARIANTS }, () => eventBatch(random, BATCH_EVENTS, KEYS));
const bodies = Array.from({ length: VARIANTS }, () => fastqBody(random, FASTQ_READS, READ_LENGTH));

const state = new ProcessorState();
const counter = new KmerCounter();
let next = 0;
let sink = 0; // keeps the results observable so nothing is optimised away

const bench = new Bench({ name: 'processor-node hot paths', time: 2000, warmupTime: 500 });
bench
  .add(`events: validate+aggregate ${BATCH_EVENTS}-event batch (parse included)`, () => {
    const body = batches[next++ % VARIANTS]!;
    if (!isUtf8(body)) throw new Error('bench input is not UTF-8');
    sink += JSON.stringify(ingestBatch(body.toString('utf8'), state)).length;
  })
  .add(`reads: FASTQ parse + 11-mers, ${FASTQ_READS} reads x ${READ_LENGTH} bp`, () => {
    const body = bodies[next++ % VARIANTS]!;
    if (!isUtf8(body)) throw new Error('bench input is not UTF-8');
    sink += JSON.stringify(analyzeFastq(body, counter)).length;
  });

await bench.run();
console.table(bench.table());
for (const task of bench.tasks) {
  const r = task.result;
  if (!('latency' in r)) {
    console.log(`${task.name}: ${r.state}`);
    continue;
  }
  const perOpUs = r.latency.p50 * 1000;
  const unit = task.name.startsWith('events') ? `${Math.round((BATCH_EVENTS * 1e6) / perOpUs).toLocaleString('en')} events/s` : `${Math.round((FASTQ_READS * READ_LENGTH * 1e6) / perOpUs).toLocaleString('en')} bases/s`;
  console.log(`${task.name}: median ${perOpUs.toFixed(2)} us/op, ${Math.round(1e6 / perOpUs).toLocaleString('en')} ops/s, ${unit}`);
}
if (sink === 0) console.log('');
