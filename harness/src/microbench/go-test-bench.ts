// `go test -bench` text (the Go benchmark data format, golang.org/design/14313-benchmark-format)
// → sample sets. Each result line is one sample: its ns/op is the time of one call over N
// iterations; `-count K` repeats every benchmark K times, which gives the K samples an interval
// needs.
//
// Naming convention (processors/README.md, "Micro-benchmarks"): `Benchmark<Function>` with one
// sub-benchmark `<unit>=<batch size>`, e.g. `BenchmarkIngest/events=100` → name "ingest", 100
// events per call; without one the batch is 1 call. Other sub-benchmark parts stay in the name
// ("BenchmarkParse/small" → "parse/small"). The `-N` GOMAXPROCS suffix is dropped.
import type { MicrobenchSampleSet } from '../results/microbench-schema.ts';

export class GoBenchParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoBenchParseError';
  }
}

interface Parsed {
  name: string;
  batch_size: number;
  batch_unit: string;
}

const RESULT_LINE = /^Benchmark(\S+)\s+(\d+)\s+(.*)$/;
const BATCH_PART = /^([a-z][a-z_]*)=(\d+)$/;

/** "IngestBatch" → "ingest_batch"; "KMers" → "k_mers"; digits stay attached to what precedes them. */
export function snakeCase(camel: string): string {
  return camel
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export function parseBenchmarkName(full: string): Parsed {
  const withoutProcs = full.replace(/-\d+$/, '');
  const [fn, ...parts] = withoutProcs.split('/');
  const nameParts = [snakeCase(fn!)];
  let batch: { size: number; unit: string } | undefined;
  for (const part of parts) {
    const m = BATCH_PART.exec(part);
    if (m && batch === undefined && Number(m[2]) >= 1) batch = { unit: m[1]!, size: Number(m[2]) };
    else nameParts.push(part);
  }
  return { name: nameParts.join('/'), batch_size: batch?.size ?? 1, batch_unit: batch?.unit ?? 'calls' };
}

/** The ns/op of a result line's measurements ("95000 ns/op  1234 B/op  3 allocs/op  1.0e6 events/s"). */
function nsPerOp(measurements: string): number | undefined {
  const fields = measurements.trim().split(/\s+/);
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i + 1] === 'ns/op') {
      const v = Number(fields[i]);
      return Number.isFinite(v) && v > 0 ? v : undefined;
    }
  }
  return undefined;
}

export interface GoBenchLabels {
  implementation: string;
  language: string;
}

/** Every benchmark in the output, in order of first appearance; throws GoBenchParseError on output it cannot use. */
export function parseGoTestBench(text: string, labels: GoBenchLabels): MicrobenchSampleSet[] {
  const byKey = new Map<string, MicrobenchSampleSet & { pkg: string }>();
  let pkg = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const config = /^pkg:\s*(\S+)/.exec(line);
    if (config) {
      pkg = config[1]!;
      continue;
    }
    const m = RESULT_LINE.exec(line);
    if (!m) continue;
    const parsed = parseBenchmarkName(m[1]!);
    const ns = nsPerOp(m[3]!);
    if (ns === undefined) throw new GoBenchParseError(`Benchmark${m[1]}: no ns/op in "${line.slice(0, 160)}"`);
    const key = `${parsed.name}/${parsed.batch_size}`;
    const seen = byKey.get(key);
    if (seen && seen.pkg !== pkg) {
      throw new GoBenchParseError(`Benchmark${m[1]} is in two packages (${seen.pkg} and ${pkg}): rename one so each function has one name`);
    }
    if (seen) {
      seen.samples_ns.push(ns);
      seen.iterations += Number(m[2]);
    } else {
      byKey.set(key, { ...parsed, ...labels, samples_ns: [ns], iterations: Number(m[2]), pkg });
    }
  }
  if (byKey.size === 0) throw new GoBenchParseError('no benchmark result lines in the output of go test -bench');
  return [...byKey.values()].map(({ pkg: _pkg, ...set }) => ({
    name: set.name,
    implementation: set.implementation,
    language: set.language,
    batch_size: set.batch_size,
    batch_unit: set.batch_unit,
    samples_ns: set.samples_ns,
    iterations: set.iterations,
  }));
}

/** "go version go1.26.8 linux/amd64" → "go1.26.8". */
export function goRuntime(toolchainVersion: string): string {
  return /\bgo\d+(\.\d+)+\S*/.exec(toolchainVersion)?.[0] ?? toolchainVersion.trim();
}
