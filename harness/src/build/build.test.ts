import { describe, it, expect, beforeEach } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProcessor } from './build.ts';
import type { ProcessorManifest } from '../processors/index.ts';

let root: string;
let dir: string;

// A processor whose "build" copies its source to bin/processor and counts how often it ran.
function manifest(overrides: Partial<ProcessorManifest> = {}): ProcessorManifest {
  return {
    schema_version: 1,
    name: 'fake',
    language: 'sh',
    description: 'test double',
    build: { command: ['sh', '-c', 'echo run >> runs.txt && mkdir -p bin && cp src/main.sh bin/processor'], inputs: ['src'] },
    start: { command: ['bin/processor'] },
    readiness: '/health',
    toolchain: { command: ['sh', '-c', 'echo fake-toolchain 1.0'] },
    dir,
    manifest_path: join(dir, 'processor.json'),
    ...overrides,
  };
}

function runs(): number {
  return existsSync(join(dir, 'runs.txt')) ? readFileSync(join(dir, 'runs.txt'), 'utf8').trim().split('\n').length : 0;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-'));
  dir = join(root, 'processors', 'fake');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'main.sh'), 'echo v1\n');
});

const logDir = (): string => join(root, 'logs');

describe('buildProcessor', () => {
  it('builds, reports the toolchain version and keeps the log in a file', async () => {
    const result = await buildProcessor(manifest(), { logDir: logDir() });
    expect(result).toMatchObject({ ok: true, cached: false, toolchain_version: 'fake-toolchain 1.0' });
    expect(readFileSync(join(dir, 'bin', 'processor'), 'utf8')).toBe('echo v1\n');
    expect(readFileSync(result.log_path, 'utf8')).toContain('cp src/main.sh bin/processor');
    expect(existsSync(join(root, '.build-cache', 'fake.json'))).toBe(true);
  });

  it('skips the build when inputs and toolchain are unchanged and the outputs exist', async () => {
    await buildProcessor(manifest(), { logDir: logDir() });
    const second = await buildProcessor(manifest(), { logDir: logDir() });
    expect(second).toMatchObject({ ok: true, cached: true });
    expect(runs()).toBe(1);
  });

  it('rebuilds when an input file changes', async () => {
    await buildProcessor(manifest(), { logDir: logDir() });
    writeFileSync(join(dir, 'src', 'main.sh'), 'echo v2\n');
    const second = await buildProcessor(manifest(), { logDir: logDir() });
    expect(second).toMatchObject({ ok: true, cached: false });
    expect(runs()).toBe(2);
  });

  it('rebuilds when a file is added to an input folder', async () => {
    await buildProcessor(manifest(), { logDir: logDir() });
    writeFileSync(join(dir, 'src', 'extra.sh'), 'true\n');
    expect(await buildProcessor(manifest(), { logDir: logDir() })).toMatchObject({ cached: false });
  });

  it('rebuilds when the toolchain version changes', async () => {
    await buildProcessor(manifest(), { logDir: logDir() });
    const newer = manifest({ toolchain: { command: ['sh', '-c', 'echo fake-toolchain 2.0'] } });
    expect(await buildProcessor(newer, { logDir: logDir() })).toMatchObject({ cached: false, toolchain_version: 'fake-toolchain 2.0' });
  });

  it('rebuilds when an output is missing although the inputs are unchanged', async () => {
    await buildProcessor(manifest(), { logDir: logDir() });
    rmSync(join(dir, 'bin'), { recursive: true });
    expect(await buildProcessor(manifest(), { logDir: logDir() })).toMatchObject({ ok: true, cached: false });
    expect(existsSync(join(dir, 'bin', 'processor'))).toBe(true);
  });

  it('returns the log tail when the build command fails', async () => {
    const failing = manifest({ build: { command: ['sh', '-c', 'echo "error: syntax at line 3" >&2; exit 3'], inputs: ['src'] } });
    const result = await buildProcessor(failing, { logDir: logDir() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('exited with code 3');
    expect(result.log_tail).toContain('error: syntax at line 3');
  });

  it('names the program to install when the toolchain is not on PATH', async () => {
    const missing = manifest({ toolchain: { command: ['cargo-that-does-not-exist', '--version'] } });
    const result = await buildProcessor(missing, { logDir: logDir() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe('fake: "cargo-that-does-not-exist" was not found on PATH: install it or put it on PATH');
  });

  it('does not cache a failed build', async () => {
    const failing = manifest({ build: { command: ['sh', '-c', 'echo run >> runs.txt; mkdir -p bin && cp src/main.sh bin/processor; exit 1'], inputs: ['src'] } });
    await buildProcessor(failing, { logDir: logDir() });
    await buildProcessor(failing, { logDir: logDir() });
    expect(runs()).toBe(2);
  });

  it('treats a start path outside the processor folder as an output of the build', async () => {
    // As node20 runs ../node/dist/main.js: the cache holds only while that file exists.
    const sharing = manifest({
      build: { command: ['sh', '-c', 'echo run >> runs.txt && mkdir -p ../shared && cp src/main.sh ../shared/main.sh'], inputs: ['src'] },
      start: { command: ['sh', '../shared/main.sh'] },
    });
    await buildProcessor(sharing, { logDir: logDir() });
    expect(await buildProcessor(sharing, { logDir: logDir() })).toMatchObject({ cached: true });
    rmSync(join(dir, '..', 'shared'), { recursive: true });
    expect(await buildProcessor(sharing, { logDir: logDir() })).toMatchObject({ ok: true, cached: false });
    expect(runs()).toBe(2);
  });

  describe('a toolchain the build installs (a relative program path)', () => {
    // The build writes tool/bin/version, which prints the version it was built with.
    const installing = (version: string): ProcessorManifest =>
      manifest({
        build: {
          command: ['sh', '-c', `echo run >> runs.txt && mkdir -p bin tool/bin && cp src/main.sh bin/processor && printf '#!/bin/sh\\necho tool ${version}\\n' > tool/bin/version && chmod +x tool/bin/version`],
          inputs: ['src'],
        },
        toolchain: { command: ['tool/bin/version'] },
      });

    it('builds first, then reports the version of the toolchain it installed', async () => {
      const result = await buildProcessor(installing('1.0'), { logDir: logDir() });
      expect(result).toMatchObject({ ok: true, cached: false, toolchain_version: 'tool 1.0' });
    });

    it('reuses the cache once the installed toolchain is in place', async () => {
      await buildProcessor(installing('1.0'), { logDir: logDir() });
      expect(await buildProcessor(installing('1.0'), { logDir: logDir() })).toMatchObject({ ok: true, cached: true, toolchain_version: 'tool 1.0' });
      expect(runs()).toBe(1);
    });

    it('reports the new version when a changed pin makes the build replace its toolchain', async () => {
      await buildProcessor(installing('1.0'), { logDir: logDir() });
      expect(await buildProcessor(installing('2.0'), { logDir: logDir() })).toMatchObject({ ok: true, cached: false, toolchain_version: 'tool 2.0' });
      expect(await buildProcessor(installing('2.0'), { logDir: logDir() })).toMatchObject({ cached: true, toolchain_version: 'tool 2.0' });
    });

    it('fails with the log tail when the build does not install it', async () => {
      const forgetful = manifest({ toolchain: { command: ['tool/bin/version'] } });
      const result = await buildProcessor(forgetful, { logDir: logDir() });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toBe('fake: build succeeded but did not produce tool/bin/version, the program of its toolchain command');
    });
  });
});
