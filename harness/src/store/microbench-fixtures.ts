// Micro-benchmark results for the store tests (file store, rows, ClickHouse, chDB): small, varied
// (null intervals, fractional samples, a skipped source, a result without sources), deterministic.
import { recordOf } from '../microbench/records.ts';
import type { StoredMicrobench } from '../results/microbench-schema.ts';

export function syntheticMicrobench(id: string, created_at: string, opts: { smoke?: boolean; withSources?: boolean } = {}): StoredMicrobench {
  const samples = (base: number, n: number) => Array.from({ length: n }, (_, i) => base * (1 + ((i * 7) % 11) / 100) + 0.125);
  const set = (name: string, implementation: string, language: string, batch_size: number, batch_unit: string, base: number, n: number) => ({
    name, implementation, language, batch_size, batch_unit, samples_ns: samples(base, n), iterations: n * 1000,
  });
  return {
    schema_version: 1,
    id,
    suite: 'harness-microbench',
    created_at,
    git_commit: opts.withSources === false ? null : '0123456789abcdef0123456789abcdef01234567',
    host: { hostname: 'bench-host', platform: 'Linux-6.1-x64', cpu_count: 2 },
    smoke: opts.smoke ?? false,
    ...(opts.withSources === false
      ? {}
      : {
          sources: [
            { name: 'go', command: ['go', 'test', '-bench', '.'], status: 'ok' as const, records: 2, reason: null },
            { name: 'interop-python', command: ['python', 'bench/run.py'], status: 'skipped' as const, records: 0, reason: "no .venv: it's set up by setup.sh" },
          ],
        }),
    results: [
      recordOf(set('ingest', 'go', 'Go', 100, 'events', 95_000.5, 10), 'go test -bench', 'go1.26.8'),
      recordOf(set('ingest', 'rust', 'Rust', 100, 'events', 41_000.25, 15), 'cargo bench', 'rustc 1.95.0'),
      recordOf(set('key', 'node', 'TypeScript', 1, 'keys', 850.75, 3), 'tinybench 6.2.5', 'node v26.12.1'),
    ],
  };
}
