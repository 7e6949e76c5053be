// `harness tradeoffs` end to end on the tiny fixture processor: real builds, a real launch, the
// real driver for the safety load. Every expectation is about what was measured, never a timing.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRADEOFFS_FILE } from '../results/layout.ts';
import { SCHEMA_DIR } from '../results/json-schema.ts';
import type { TradeoffsResult } from '../results/tradeoffs-schema.ts';
import { resolveTradeoffs } from '../store/tradeoffs-files.ts';
import { countLines } from './lines/count.ts';
import { tinyRepo, type TinyRepo } from './fixtures/tiny-repo.ts';
import { runTradeoffs } from './tradeoffs.ts';

let repo: TinyRepo;
let result: TradeoffsResult;
let dir: string;
let touchedBefore: Buffer;

const tiny = () => result.processors[0]!;

beforeAll(async () => {
  repo = tinyRepo();
  touchedBefore = readFileSync(path.join(repo.processorDir, 'src', 'util.mjs'));
  ({ result, dir } = await runTradeoffs({
    repoRoot: repo.root,
    processors: ['tiny'],
    repeat: 2,
    threads: 1,
    idle_settle_ms: 50,
    safety: { threads: 1, rate_per_s: 40, seconds_per_scenario: 0.5, scenarios: ['tiny'] },
    tradeoffsRoot: repo.tradeoffsRoot,
    scenariosDir: repo.scenariosDir,
  }));
}, 300_000);

describe('runTradeoffs on the tiny processor', () => {
  it('times a cold and an incremental build per repetition', () => {
    const p = tiny();
    expect(p.cold_build.status).toBe('measured');
    expect(p.incremental_build).toMatchObject({ status: 'measured', touched: 'src/util.mjs' });
    if (p.cold_build.status === 'measured') expect(p.cold_build.samples.map((s) => s.repetition)).toEqual([0, 1]);
  });

  it('starts every cold build from a fresh scratch folder and rebuilds incrementally in it', () => {
    const p = tiny();
    if (p.cold_build.status !== 'measured' || p.incremental_build.status !== 'measured') throw new Error('builds not measured');
    expect(p.cold_build.samples.map((s) => readFileSync(s.log_path, 'utf8'))).toEqual([expect.stringContaining('cache: cold'), expect.stringContaining('cache: cold')]);
    expect(p.incremental_build.samples.map((s) => readFileSync(s.log_path, 'utf8'))).toEqual([expect.stringContaining('cache: warm'), expect.stringContaining('cache: warm')]);
  });

  it('puts the touched source back byte for byte', () => {
    expect(readFileSync(path.join(repo.processorDir, 'src', 'util.mjs')).equals(touchedBefore)).toBe(true);
  });

  it('sizes the artifacts the manifest names', () => {
    const dist = path.join(repo.processorDir, 'dist');
    const bytes = readdirSync(dist).reduce((s, f) => s + statSync(path.join(dist, f)).size, 0);
    expect(tiny().output).toMatchObject({ status: 'measured', total_bytes: bytes, artifacts: [{ path: 'dist', bytes, files: 2 }] });
  });

  it('reads the idle RSS of each repetition', () => {
    const idle = tiny().idle_rss;
    expect(idle.status).toBe('measured');
    if (idle.status === 'measured') {
      expect(idle.samples_bytes).toHaveLength(2);
      expect(idle.samples_bytes.every((b) => b > 0)).toBe(true);
    }
  });

  it('counts the lock file\u2019s runtime dependencies and leaves out devDependencies', () => {
    expect(tiny().dependencies).toMatchObject({ status: 'measured', direct: 1, all: 2 });
  });

  it('counts the lines of the included sources, tests excluded', () => {
    const src = path.join(repo.processorDir, 'src');
    const expected = ['server.mjs', 'util.mjs'].reduce((s, f) => s + countLines(readFileSync(path.join(src, f), 'utf8'), f), 0);
    expect(tiny().code).toMatchObject({ status: 'measured', lines: expected, files: 2 });
  });

  it('counts one finding per line the checked build printed that matches the pattern', () => {
    // The checked variant reports each reset, and the vector replay resets before each of the 2 files.
    expect(tiny().safety).toMatchObject({ status: 'measured', tool: 'tiny checker', findings: 2, vectors: { passed: 2, total: 2 }, exit: { during_load: false } });
  });

  it('drove the checked build with the scenario\u2019s requests', () => {
    const safety = tiny().safety;
    if (safety.status !== 'measured') throw new Error('safety not measured');
    expect(safety.load.requests).toBeGreaterThan(0);
    expect(safety.load.responses_ok).toBe(safety.load.requests);
  });

  it('records the load average before and after, and the rules', () => {
    expect(result.noise.cores).toBeGreaterThan(0);
    expect(result.rules.code).toContain('non-blank');
    expect(result.status).toBe('complete');
  });

  it('writes a file the store reads back as the latest run', async () => {
    const found = await resolveTradeoffs('latest', repo.tradeoffsRoot);
    expect(found.ok && found.result).toEqual(result);
  });

  it('writes a file that validates against the committed JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'tradeoffs.schema.json'), 'utf8')));
    const ok = validate(JSON.parse(readFileSync(path.join(dir, TRADEOFFS_FILE), 'utf8')));
    expect(ok ? [] : validate.errors).toEqual([]);
  });
});
