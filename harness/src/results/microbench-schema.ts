// The in-process micro-benchmark result: the one format of every language's micro-benchmarks
// (tinybench, go test -bench, cargo bench, pyperf, …), in the file store (microbench/<id>/) and
// in ClickHouse. Born as interop/python's format (bench/results.py writes it); these zod schemas
// are now its source of truth, and `harness schema --write` generates the JSON Schema files that
// interop/python's tests check against (harness/schema/v2/microbench-*.schema.json).
//
// Two shapes: the samples file a benchmark writes (what it timed: per case, the time of one call
// in each sample), and the result (the samples plus the median and its interval, computed by the
// harness for every tool alike, with provenance). Keep SCHEMA_VERSION 1 while changes only add
// optional fields that an older reader may ignore.
import { z } from 'zod';
import { RUN_ID_PATTERN } from './layout.ts';

export const MICROBENCH_SCHEMA_VERSION = 1;
export const CI_METHOD = 'median-order-statistics';

const name = z.string().min(1);
const positive = z.number().positive();

/** What a case is called and what one call of it does. Shared by the samples file and the result. */
const caseFields = {
  name: name.describe('the function benchmarked, shared across languages: ingest, analyze_reads, key, noop, …'),
  implementation: name.describe('go, node, node-rust, rust, rust-core, python-ffi, python-reference, cpp, …'),
  language: name.describe('the language of the calling side: Go, TypeScript, Rust, Python, …'),
  batch_size: z.int().min(1).describe('items per call'),
  batch_unit: name.describe('what batch_size counts: events, reads, keys, calls'),
};

const samplesNs = z
  .array(positive)
  .min(1)
  .describe('time of one call in each sample (a sample: the calls timed together, divided by their number)');
const iterations = z.int().min(1).describe('calls timed in all samples together (iterations / samples = calls per sample)');

/** One case as a benchmark writes it. */
export const MicrobenchSampleSet = z.strictObject({ ...caseFields, samples_ns: samplesNs, iterations });
export type MicrobenchSampleSet = z.infer<typeof MicrobenchSampleSet>;

/**
 * The file a benchmark writes to $MICROBENCH_OUT (`harness microbench` sets it), and what
 * processors/rust's interop bench writes for interop/python/bench/run.py.
 */
export const MicrobenchSamplesFile = z.strictObject({
  tool: name.describe('the benchmark tool and its version'),
  runtime: name.describe('interpreter or compiler, e.g. node v26.12.1, rustc 1.95.0'),
  smoke: z.boolean().optional().describe('true: a quick end-to-end check whose figures mean nothing'),
  results: z.array(MicrobenchSampleSet),
}).describe('What one micro-benchmark program timed, before any statistics: written to $MICROBENCH_OUT for `harness microbench`, which adds the median and its interval.');
export type MicrobenchSamplesFile = z.infer<typeof MicrobenchSamplesFile>;

export const MicrobenchRecord = z
  .strictObject({
    ...caseFields,
    tool: name.describe('the benchmark tool and its version'),
    runtime: name.describe('interpreter or compiler, e.g. CPython 3.11.7, rustc 1.95.0'),
    median_ns: positive.describe('median time of one call over the samples (items/s = batch_size * 1e9 / median_ns)'),
    ci_low_ns: positive.nullable().describe('lower end of the interval for the median; null with too few samples'),
    ci_high_ns: positive.nullable().describe('upper end of the interval for the median; null with too few samples'),
    ci_level: z.number().gt(0).lt(1),
    ci_method: z
      .literal(CI_METHOD)
      .describe('order statistics x_(r), x_(n-r+1) from the Binomial(n, 1/2) distribution: distribution-free, at least ci_level coverage'),
    samples: z.int().min(1).describe('timed samples (pyperf values, go test -count runs, cargo bench samples, tinybench iterations)'),
    iterations,
    samples_ns: samplesNs.describe('time of one call in each sample, so the statistics can be recomputed'),
  })
  .refine((r) => r.samples === r.samples_ns.length, { message: 'samples must equal the length of samples_ns', path: ['samples'] });
export type MicrobenchRecord = z.infer<typeof MicrobenchRecord>;

export const MicrobenchSourceStatus = z.enum(['ok', 'failed', 'skipped']);
export type MicrobenchSourceStatus = z.infer<typeof MicrobenchSourceStatus>;

/** One benchmark program `harness microbench` ran (or could not run). */
export const MicrobenchSource = z.strictObject({
  name: name.describe('the processor manifest (go, node, rust, …) or interop-python'),
  command: z.array(z.string()).describe('what was run, in the source folder'),
  status: MicrobenchSourceStatus,
  records: z.int().min(0).describe('records it contributed'),
  reason: z.string().nullable().describe('why it failed or was skipped; null when ok'),
});
export type MicrobenchSource = z.infer<typeof MicrobenchSource>;

export const MicrobenchHost = z.strictObject({
  hostname: z.string(),
  platform: z.string(),
  cpu_count: z.int().min(0),
});

export const MicrobenchResult = z.strictObject({
  schema_version: z.literal(MICROBENCH_SCHEMA_VERSION),
  id: z.string().regex(RUN_ID_PATTERN).optional().describe('the store key (microbench/<id>/): present in stored results, absent in one tool\'s own output'),
  suite: name.describe('what was run, e.g. interop-python, harness-microbench'),
  created_at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/).describe('UTC, when the file was written'),
  git_commit: z.string().nullable().describe('HEAD of the repository the benchmarks ran from; null outside a git checkout'),
  host: MicrobenchHost,
  smoke: z.boolean().describe('true: a quick end-to-end check whose figures mean nothing; a store should not chart it'),
  sources: z.array(MicrobenchSource).optional().describe('the benchmark programs run for this result (harness microbench writes it)'),
  results: z.array(MicrobenchRecord).describe('one record per (name, implementation, batch_size)'),
}).describe('In-process micro-benchmark results: provenance, then one record per (name, implementation, batch_size). The one format of every language\'s micro-benchmarks, stored by `harness microbench` under microbench/<id>/result.json and in ClickHouse.');
export type MicrobenchResult = z.infer<typeof MicrobenchResult>;

/** A result as the store holds it: with its id. */
export type StoredMicrobench = MicrobenchResult & { id: string };
