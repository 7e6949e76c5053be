import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuildResult } from '../build/index.ts';
import type { ProcessorManifest } from '../processors/manifest.ts';
import { MicrobenchResult } from '../results/microbench-schema.ts';
import { runMicrobench } from './run-microbench.ts';
import type { SourcePlan, SourceToRun } from './sources.ts';

const FAKE = fileURLToPath(new URL('./fixtures/fake-bench.mjs', import.meta.url));
const HERE = path.dirname(FAKE);
const quiet = () => undefined;
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'microbench-run-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const fake = (name: string, mode: string, implementation = name): SourceToRun => ({
  kind: 'run', name, dir: HERE, command: [process.execPath, FAKE, mode, implementation], output: 'samples-file',
});

const run = (plans: SourcePlan[], extra: Partial<Parameters<typeof runMicrobench>[0]> = {}) =>
  runMicrobench({ repoRoot: HERE, microbenchRoot: root, plans, smoke: true, echo: quiet, now: new Date('2026-12-01T10:00:00Z'), ...extra });

describe('runMicrobench', () => {
  it('turns a samples file into records with their median and interval, and says the source was ok', async () => {
    const { result } = await run([fake('alpha', 'samples')]);
    expect(MicrobenchResult.safeParse(result).success).toBe(true);
    expect(result.results).toHaveLength(1);
    expect(result.results[0]).toMatchObject({ name: 'ingest', implementation: 'alpha', tool: 'fakebench 1.0', runtime: 'fake 2', median_ns: 4, ci_low_ns: 1, ci_high_ns: 7, samples: 7, iterations: 70 });
    expect(result.sources).toEqual([{ name: 'alpha', command: fake('alpha', 'samples').command, status: 'ok', records: 1, reason: null }]);
    expect(result).toMatchObject({ suite: 'harness-microbench', smoke: true, created_at: '2026-12-01T10:00:00Z' });
    expect(result.id).toMatch(/^20261201T100000Z-/);
  });

  it('reads go test -bench text from stdout, labelled with the source and its Go version', async () => {
    const text = 'pkg: x\\nBenchmarkIngest/events=100-2 \\t 10 \\t 1000 ns/op\\nBenchmarkIngest/events=100-2 \\t 12 \\t 1100 ns/op\\n';
    const go: SourceToRun = { kind: 'run', name: 'go', dir: HERE, command: [process.execPath, '-e', `process.stdout.write("${text}")`], output: 'go-test-bench', manifest: { name: 'go', language: 'Go' } as ProcessorManifest };
    const build = async (): Promise<BuildResult> => ({ ok: true, cached: true, duration_s: 0, toolchain_version: 'go version go1.26.8 linux/amd64', log_path: '' });
    const { result } = await run([go], { build });
    expect(result.results[0]).toMatchObject({ name: 'ingest', implementation: 'go', language: 'Go', tool: 'go test -bench', runtime: 'go1.26.8', batch_size: 100, samples: 2, iterations: 22, median_ns: 1050 });
  });

  it('keeps a whole result file (interop/python) as written', async () => {
    const py: SourceToRun = { ...fake('interop-python', 'result'), output: 'result-file' };
    const { result } = await run([py]);
    expect(result.results[0]).toMatchObject({ implementation: 'python-ffi', tool: 'pyperf 2.10.0', median_ns: 20 });
  });

  it('stores what the others produced when one source fails, naming its exit code and log', async () => {
    const { result, dir } = await run([fake('alpha', 'fail'), fake('beta', 'samples')]);
    expect(result.results.map((r) => r.implementation)).toEqual(['beta']);
    const alpha = result.sources!.find((s) => s.name === 'alpha')!;
    expect(alpha.status).toBe('failed');
    expect(alpha.reason).toContain('exited with code 3');
    expect(await readFile(path.join(dir, 'logs', 'alpha.log'), 'utf8')).toContain('fake-bench fail');
  });

  it('fails a source that wrote no samples file, or an invalid one, with the reason', async () => {
    const { result } = await run([fake('none', 'none'), fake('bad', 'invalid')]);
    expect(result.sources!.map((s) => [s.status, s.reason])).toEqual([
      ['failed', expect.stringContaining('wrote no samples file to $MICROBENCH_OUT')],
      ['failed', expect.stringMatching(/^samples file: results\.0\.samples_ns\.1: /)],
    ]);
  });

  it('fails a source whose program cannot be started', async () => {
    const { result } = await run([{ ...fake('x', 'samples'), command: ['no-such-program-xyz'] }]);
    expect(result.sources![0]!.reason).toMatch(/could not start: "no-such-program-xyz" was not found/);
  });

  it('does not run a source whose build failed', async () => {
    const build = async (): Promise<BuildResult> => ({ ok: false, error: 'alpha: build exited with code 1', log_tail: '', log_path: '/x/build-alpha.log' });
    const { result } = await run([{ ...fake('alpha', 'samples'), manifest: { name: 'alpha', language: 'A' } as ProcessorManifest }], { build });
    expect(result.sources![0]).toMatchObject({ status: 'failed', reason: 'build failed: alpha: build exited with code 1 (log: /x/build-alpha.log)' });
  });

  it('records a skipped source with its reason', async () => {
    const { result } = await run([{ kind: 'skip', name: 'interop-python', command: ['python'], reason: 'no venv' }, fake('beta', 'samples')]);
    expect(result.sources![0]).toEqual({ name: 'interop-python', command: ['python'], status: 'skipped', records: 0, reason: 'no venv' });
  });

  it('refuses a second source claiming the same function, implementation and batch', async () => {
    const { result } = await run([fake('alpha', 'samples', 'same'), fake('beta', 'samples', 'same')]);
    expect(result.results).toHaveLength(1);
    expect(result.sources![1]).toMatchObject({ status: 'failed', reason: expect.stringContaining("ingest/same/100 is already alpha's") });
  });

  it('marks the whole result smoke when a program says its own figures are', async () => {
    const py: SourceToRun = { ...fake('interop-python', 'result'), output: 'result-file' };
    expect((await run([py, fake('beta', 'samples')], { smoke: false })).result.smoke).toBe(true);
    expect((await run([fake('beta', 'samples')], { smoke: false })).result.smoke).toBe(false);
  });

  it('leaves only the logs beside the result (the scratch files go)', async () => {
    const { dir } = await run([fake('alpha', 'samples')]);
    expect(await readdir(dir)).toEqual(['logs']);
  });
});
