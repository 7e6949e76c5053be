// A real, small run end to end (build → verify → drive → record → store) whose files are then
// validated against the committed JSON Schema: the schema test the result model promises.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../plan/index.ts';
import { PERSISTED, SCHEMA_DIR, schemaFileText, type PersistedKind } from '../results/json-schema.ts';
import type { RunRecord } from '../results/schema.ts';
import { FileSink } from '../store/index.ts';
import type { RunEvent } from './events.ts';
import { runPipeline } from './pipeline.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let resultsRoot: string;
let run: RunRecord;
const events: RunEvent[] = [];

beforeAll(async () => {
  resultsRoot = await mkdtemp(path.join(os.tmpdir(), 'real-run-'));
  const planned = await buildPlan({
    repoRoot,
    scenarios: ['ingest'],
    processors: ['go'],
    profile: 'quick',
    repetitions: 1,
    warmup_s: 0.5,
    measure_s: 1.5,
    capacity_s: 1,
    rate_scale: 0.25,
    baseline: 'go',
    threads: 1,
    pin: true,
  });
  if (!planned.ok) throw new Error(planned.errors.join('\n'));
  run = await runPipeline({
    repoRoot,
    plan: planned.plan,
    manifests: planned.manifests,
    sink: new FileSink(resultsRoot),
    resultsRoot,
    events: { emit: (e) => events.push(e) },
  });
}, 600_000);

afterAll(async () => {
  if (resultsRoot) await rm(resultsRoot, { recursive: true, force: true });
});

describe('a real run', () => {
  it('completes with one ok measurement and a capacity figure', () => {
    expect(run.manifest.status).toBe('complete');
    expect(run.measurements.map((m) => m.status)).toEqual(['ok']);
    expect(run.capacity.map((c) => c.status)).toEqual(['ok']);
    const measure = run.measurements[0]!.phases.find((p) => p.phase === 'measure')!;
    expect(measure.corrected.count).toBeGreaterThan(0);
    expect(measure.corrected.p99_us).toBeGreaterThanOrEqual(measure.uncorrected.p50_us);
    expect(run.measurements[0]!.resources!.peak_rss_bytes).toBeGreaterThan(0);
    expect(run.measurements[0]!.runtime!.collector).toBe(true);
  });

  it('writes files that validate against the committed JSON Schema', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
    const validators = Object.fromEntries(
      (Object.keys(PERSISTED) as PersistedKind[]).map((k) => [k, ajv.compile(JSON.parse(schemaFileText(k)))]),
    );
    const dir = path.join(resultsRoot, run.manifest.run_id);
    const files: Array<[PersistedKind, string]> = [['run', path.join(dir, 'run.json')]];
    for (const f of await readdir(path.join(dir, 'measurements'))) files.push(['measurement', path.join(dir, 'measurements', f)]);
    for (const f of await readdir(path.join(dir, 'capacity'))) files.push(['capacity', path.join(dir, 'capacity', f)]);
    expect(files.length).toBe(3);
    for (const [kind, file] of files) {
      const validate = validators[kind]!;
      const ok = validate(JSON.parse(await readFile(file, 'utf8')));
      expect(ok ? [] : validate.errors, file).toEqual([]);
    }
  });

  it("runs the quick profile's precision-driven phase between its minimum and its cap and records how it ended", () => {
    const p = run.measurements[0]!.precision!;
    expect(p).toMatchObject({ target_pct: 5, of: 'p99', min_measure_s: 1.5, max_measure_s: 3 });
    expect(p.measured_s).toBeGreaterThanOrEqual(1.5);
    expect(p.measured_s).toBeLessThanOrEqual(3);
    expect(['precision', 'cap']).toContain(p.stopped_by);
    expect(p.reached).toBe(p.half_width_pct !== null && p.half_width_pct <= 5);
    expect(run.measurements[0]!.phases.find((x) => x.phase === 'measure')!.duration_s).toBe(p.measured_s);
  });

  it('records the seed of its order in the manifest and the plan', () => {
    expect(run.manifest.order_seed).toBe((run.manifest.plan as { seed: number }).seed);
  });

  it('records provenance: commit, machine, pinning', () => {
    const p = run.manifest.provenance;
    expect(p.git_sha).toMatch(/^[0-9a-f]{40}$/);
    expect(p.cores).toBe(os.availableParallelism());
    expect(p.kernel).toBe(os.release());
    expect(run.manifest.processors[0]!.toolchain_version).toMatch(/go/);
  });
});

describe('the committed JSON Schema', () => {
  it('is what the zod schema generates (run `harness schema --write` after changing it)', async () => {
    for (const kind of Object.keys(PERSISTED) as PersistedKind[]) {
      expect(await readFile(path.join(SCHEMA_DIR, `${kind}.schema.json`), 'utf8')).toBe(schemaFileText(kind));
    }
  });
});
