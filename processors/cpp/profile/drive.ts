// A fixed amount of work for a profiler (not a load test: requests go one at a time on one
// keep-alive connection, so counts, not timings, are what it produces): 100-event batches over
// 10,000 keys like processors/capacity/events.lua, and 50-read FASTQ bodies, from the harness's
// seeded generators, so every profile sees the same bytes.
//   node --import tsx processors/cpp/profile/drive.ts --url http://127.0.0.1:PORT [--batches 2000] [--reads 200]
import { parseArgs } from 'node:util';
import { Prng, generateEventBatch, generateFastq } from '../../../harness/src/workload/index.ts';
import { HttpClient } from '../../../harness/src/verify/http-client.ts';

const { values: args } = parseArgs({
  options: { url: { type: 'string' }, batches: { type: 'string', default: '2000' }, reads: { type: 'string', default: '200' } },
});
if (!args.url) {
  process.stderr.write('drive: --url http://127.0.0.1:PORT is required\n');
  process.exit(2);
}
const rng = new Prng('profile');
const client = new HttpClient(args.url.replace(/\/$/, ''));
// A few distinct bodies, reused: generating them must not be what the run waits for.
const batches = Array.from({ length: 16 }, () => generateEventBatch(rng, { events: 100, keys: 10_000 }));
const fastq = Array.from({ length: 8 }, () => generateFastq(rng, { reads: 50, length: 150 }).body);
let failed = 0;
for (let i = 0; i < Number(args.batches); i += 1) {
  const r = await client.send({ method: 'POST', path: '/v1/events', headers: { 'content-type': 'application/json' }, body: batches[i % batches.length]! });
  if (r.status !== 200) failed += 1;
}
for (let i = 0; i < Number(args.reads); i += 1) {
  const r = await client.send({ method: 'POST', path: '/v1/reads', headers: { 'content-type': 'text/plain' }, body: fastq[i % fastq.length]! });
  if (r.status !== 200) failed += 1;
}
client.close();
process.stdout.write(`drive: ${args.batches} event batches, ${args.reads} FASTQ bodies, ${failed} not 200\n`);
process.exit(failed === 0 ? 0 : 1);
