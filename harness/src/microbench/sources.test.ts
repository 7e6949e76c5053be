import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProcessorManifest } from '../processors/manifest.ts';
import { PYTHON_SETUP_HINT, planFromManifest, planSources } from './sources.ts';

const manifest = (name: string, microbench?: ProcessorManifest['microbench']): ProcessorManifest =>
  ({ name, dir: `/repo/processors/${name}`, manifest_path: `/repo/processors/${name}/processor.json`, language: 'X', ...(microbench ? { microbench } : {}) }) as ProcessorManifest;

describe('planFromManifest', () => {
  it('runs the command in the processor folder with the declared output', () => {
    expect(planFromManifest(manifest('go', { command: ['go', 'test'], output: 'go-test-bench' }), false)).toMatchObject({
      kind: 'run', name: 'go', dir: '/repo/processors/go', command: ['go', 'test'], output: 'go-test-bench',
    });
  });

  it('runs the smoke command with --smoke, the full one when there is none', () => {
    const both = manifest('rust', { command: ['full'], smoke_command: ['short'], output: 'samples-file' });
    expect(planFromManifest(both, true)).toMatchObject({ command: ['short'] });
    expect(planFromManifest(manifest('rust', { command: ['full'], output: 'samples-file' }), true)).toMatchObject({ command: ['full'] });
  });

  it('skips a microbench whose output it cannot read, saying what to declare', () => {
    const plan = planFromManifest(manifest('cpp', { command: ['./bench'] }), false);
    expect(plan).toMatchObject({ kind: 'skip', name: 'cpp' });
    expect(plan?.kind === 'skip' && plan.reason).toContain('"output": "samples-file"');
  });

  it('has nothing to plan for a manifest without microbench', () => {
    expect(planFromManifest(manifest('node20'), false)).toBeUndefined();
  });
});

describe('planSources', () => {
  it('adds the Python benchmark last, skipped with the set-up command when there is no venv', async () => {
    const repo = await mkdtemp(path.join(os.tmpdir(), 'microbench-sources-'));
    try {
      const plans = planSources([manifest('go', { command: ['go'], output: 'go-test-bench' })], { repoRoot: repo, smoke: true, python: true });
      expect(plans.map((p) => p.name)).toEqual(['go', 'interop-python']);
      expect(plans[1]).toMatchObject({ kind: 'skip', reason: PYTHON_SETUP_HINT, command: [path.join(repo, 'interop/python/.venv/bin/python'), 'bench/run.py', '--smoke'] });
      expect(PYTHON_SETUP_HINT).toContain('interop/python/setup.sh');
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });

  it('leaves Python out when asked', () => {
    expect(planSources([], { repoRoot: '/nowhere', smoke: false, python: false })).toEqual([]);
  });
});
