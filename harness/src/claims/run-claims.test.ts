import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../gate/fixtures/memory-store.ts';
import { syntheticRun } from '../results/synthetic.ts';
import { writeRunDir } from '../results/write-run.ts';
import { runClaims } from './run-claims.ts';

const RECORD = new URL('../../../claims/decision-record.json', import.meta.url).pathname;
const store = memoryStore([syntheticRun({ seed: 1 })]);
let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'claims-run-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('runClaims', () => {
  it('evaluates the latest run by default', async () => {
    const out = await runClaims({ runs: [], file: RECORD, format: 'text' }, store);
    expect(out.ok && out.stdout).toContain('rust-no-gc-pauses');
  });

  it('lists an invalid claims file and a missing run together', async () => {
    const bad = path.join(tmp, 'bad.json');
    await writeFile(bad, JSON.stringify({ schema_version: 1, claims: [{ id: 'x', kind: 'ratio' }] }));
    const out = await runClaims({ runs: ['no-such-run'], file: bad, format: 'text' }, store);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    for (const field of ['title', 'claims.0.description', 'claims.0.metric', 'claims.0.subject', 'claims.0.value', 'run "no-such-run" does not exist']) {
      expect(out.problems.join('\n')).toContain(field);
    }
  });

  it('leaves the verdicts in the run folder of a file store', async () => {
    const run = syntheticRun({ seed: 2 });
    await writeRunDir(path.join(tmp, run.manifest.run_id), run);
    const out = await runClaims({ runs: [path.join(tmp, run.manifest.run_id)], file: RECORD, format: 'json', write_to: tmp }, store);
    expect(out.ok && out.written).toBe(path.join(tmp, run.manifest.run_id, 'claims.json'));
    const saved = JSON.parse(await readFile(path.join(tmp, run.manifest.run_id, 'claims.json'), 'utf8'));
    expect(saved.verdicts.length).toBeGreaterThan(0);
    expect(JSON.parse(out.ok ? out.stdout : '{}').verdicts).toEqual(saved.verdicts);
  });
});
