// Faults during a run: a processor that crashes mid-measurement is marked failed with the tail
// of its stderr, the other processor is still measured, and nothing already measured is lost.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan, interleave } from '../plan/index.ts';
import { manifestSchema } from '../processors/index.ts';
import type { RunRecord } from '../results/schema.ts';
import { FileSink } from '../store/index.ts';
import { readFileSync } from 'node:fs';
import { runPipeline } from './pipeline.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const crashingDir = path.join(here, 'fixtures', 'crashing-processor');
let resultsRoot: string;
let run: RunRecord;

beforeAll(async () => {
  resultsRoot = await mkdtemp(path.join(os.tmpdir(), 'crash-run-'));
  const planned = await buildPlan({
    repoRoot,
    scenarios: ['ingest'],
    processors: ['go'],
    profile: 'quick',
    repetitions: 1,
    warmup_s: 0.5,
    measure_s: 2,
    capacity_s: 0,
    rate_scale: 0.25,
    baseline: 'go',
    threads: 1,
    pin: true,
    skip_verify: true,
    inject: {},
  });
  if (!planned.ok) throw new Error(planned.errors.join('\n'));
  const crashing = {
    ...manifestSchema.parse(JSON.parse(readFileSync(path.join(crashingDir, 'processor.json'), 'utf8'))),
    dir: crashingDir,
    manifest_path: path.join(crashingDir, 'processor.json'),
  };
  const plan = {
    ...planned.plan,
    processors: [...planned.plan.processors, { name: 'crashing', language: 'JavaScript', description: crashing.description }],
    steps: interleave(['ingest'], ['crashing', 'go'], 1),
    inject: { crashing: { CRASH_AFTER: '300' } },
  };
  run = await runPipeline({
    repoRoot,
    plan,
    manifests: [crashing, ...planned.manifests],
    sink: new FileSink(resultsRoot),
    resultsRoot,
    events: { emit: () => undefined },
    skip_noise: true,
  });
}, 600_000);

afterAll(async () => {
  if (resultsRoot) await rm(resultsRoot, { recursive: true, force: true });
});

describe('a processor that crashes mid-run', () => {
  it('is marked failed at the drive stage with the tail of its stderr', () => {
    const m = run.measurements.find((x) => x.processor === 'crashing')!;
    expect(m.status).toBe('failed');
    expect(m.failure?.stage).toBe('drive');
    expect(m.failure?.stderr_tail).toMatch(/boom: simulated crash/);
  });

  it('keeps what it measured before the crash', () => {
    const m = run.measurements.find((x) => x.processor === 'crashing')!;
    const measured = m.phases.reduce((s, p) => s + p.responses_ok, 0);
    expect(measured).toBeGreaterThan(0);
  });

  it('does not stop the other processor from being measured, and the run is written', async () => {
    const go = run.measurements.find((x) => x.processor === 'go')!;
    expect(go.status).toBe('ok');
    expect(run.manifest.status).toBe('complete');
    const files = await readdir(path.join(resultsRoot, run.manifest.run_id, 'measurements'));
    expect(files.sort()).toEqual(['ingest__crashing__r0.json', 'ingest__go__r0.json']);
  });
});
