import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goRuntime, GoBenchParseError, parseBenchmarkName, parseGoTestBench, snakeCase } from './go-test-bench.ts';

// Captured from `go test -run '^$' -bench . -benchtime 1x -count 2 ./internal/...` in processors/go
// (a smoke run: the figures mean nothing).
const SMOKE_OUTPUT = readFileSync(new URL('./fixtures/go-test-bench-smoke.txt', import.meta.url), 'utf8');
const labels = { implementation: 'go', language: 'Go' };

describe('parseGoTestBench', () => {
  it('turns every benchmark of a real run into one sample set, a sample per -count repetition', () => {
    const sets = parseGoTestBench(SMOKE_OUTPUT, labels);
    expect(sets.map((s) => [s.name, s.batch_size, s.batch_unit, s.samples_ns.length, s.iterations])).toEqual([
      ['analyze_reads', 50, 'reads', 2, 2],
      ['serve_events', 100, 'events', 2, 2],
      ['ingest', 100, 'events', 2, 2],
      ['key_response', 1, 'calls', 2, 2],
    ]);
    expect(sets[0]!.samples_ns).toEqual([846832, 775207]);
    expect(sets[0]).toMatchObject(labels);
  });

  it('adds the iterations of every sample', () => {
    const text = 'BenchmarkIngest/events=100-2   1000   95000 ns/op\nBenchmarkIngest/events=100-2   1200   93000.5 ns/op   3 allocs/op\n';
    const [set] = parseGoTestBench(text, labels);
    expect(set).toMatchObject({ iterations: 2200, samples_ns: [95000, 93000.5] });
  });

  it('finds ns/op wherever the metrics put it', () => {
    const [set] = parseGoTestBench('BenchmarkX-4  10  26.30 MB/s  360180 events/s  277639 ns/op\n', labels);
    expect(set!.samples_ns).toEqual([277639]);
  });

  it('refuses output without a result line (a failed or filtered-out run)', () => {
    expect(() => parseGoTestBench('PASS\nok  \tpkg\t0.01s\n', labels)).toThrow(GoBenchParseError);
  });

  it('refuses a result line without ns/op', () => {
    expect(() => parseGoTestBench('BenchmarkX-2  10  12 MB/s\n', labels)).toThrow(/no ns\/op/);
  });

  it('refuses one benchmark name in two packages', () => {
    const text = 'pkg: a\nBenchmarkIngest-2 1 10 ns/op\npkg: b\nBenchmarkIngest-2 1 11 ns/op\n';
    expect(() => parseGoTestBench(text, labels)).toThrow(/two packages \(a and b\)/);
  });
});

describe('parseBenchmarkName', () => {
  it('reads the batch from the first <unit>=<N> part and drops the GOMAXPROCS suffix', () => {
    expect(parseBenchmarkName('AnalyzeReads/reads=50-8')).toEqual({ name: 'analyze_reads', batch_size: 50, batch_unit: 'reads' });
  });

  it('keeps other sub-benchmark parts in the name', () => {
    expect(parseBenchmarkName('Parse/small/events=10')).toEqual({ name: 'parse/small', batch_size: 10, batch_unit: 'events' });
  });

  it('counts one call when no batch is named', () => {
    expect(parseBenchmarkName('KeyResponse')).toEqual({ name: 'key_response', batch_size: 1, batch_unit: 'calls' });
  });
});

describe('snakeCase', () => {
  it.each([
    ['Ingest', 'ingest'],
    ['AnalyzeReads', 'analyze_reads'],
    ['HTTPServe', 'http_serve'],
    ['Reads50x150', 'reads50x150'],
  ])('%s → %s', (camel, snake) => expect(snakeCase(camel)).toBe(snake));
});

describe('goRuntime', () => {
  it('takes the version from `go version`', () => {
    expect(goRuntime('go version go1.26.8 linux/amd64')).toBe('go1.26.8');
  });
});
