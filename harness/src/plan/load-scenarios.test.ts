import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { availableScenarios, loadProfiles, loadScenario } from './load-scenarios.ts';

const scenariosDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scenarios');
let tmp: string | undefined;
afterEach(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('scenario files', () => {
  it('every scenario in the repository is valid', async () => {
    const names = await availableScenarios(scenariosDir);
    expect(names).toEqual(expect.arrayContaining(['ingest', 'ingest-large-state', 'reads', 'mixed']));
    for (const name of names) {
      const loaded = await loadScenario(path.join(scenariosDir, name, 'scenario.json'));
      expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    }
  });

  it('the profiles file is valid and has quick and full', async () => {
    const loaded = await loadProfiles(path.join(scenariosDir, 'profiles.json'));
    expect(loaded.ok && Object.keys(loaded.value)).toEqual(expect.arrayContaining(['quick', 'full']));
    if (loaded.ok) expect(loaded.value.full!.repetitions).toBeGreaterThanOrEqual(5);
  });

  it('an invalid scenario gets every error with its file and field path', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'scn-'));
    await mkdir(path.join(tmp, 'bad'));
    const file = path.join(tmp, 'bad', 'scenario.json');
    await writeFile(
      file,
      JSON.stringify({
        schema_version: 1,
        name: 'bad',
        description: 'x',
        vectors: [],
        workload: { kind: 'events', keys: -1, events_per_request: 0, invalid_share: 2, pool_size: 1 },
        preload: null,
        load: { schedule: { kind: 'constant', rate_per_s: 0 }, connections: 1 },
        capacity: { connections: 1 },
        seed: 1,
      }),
    );
    const loaded = await loadScenario(file);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors.every((e) => e.startsWith(file))).toBe(true);
    const fields = loaded.errors.map((e) => e.split(': ')[1]);
    expect(fields).toEqual(
      expect.arrayContaining(['workload.keys', 'workload.events_per_request', 'workload.invalid_share', 'load.schedule.rate_per_s']),
    );
    expect(await readdir(tmp)).toEqual(['bad']);
  });

  it('a file that is not JSON says so', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'scn-'));
    await mkdir(path.join(tmp, 'x'));
    await writeFile(path.join(tmp, 'x', 'scenario.json'), '{ nope');
    const loaded = await loadScenario(path.join(tmp, 'x', 'scenario.json'));
    expect(loaded.ok ? '' : loaded.errors[0]).toMatch(/not valid JSON/);
  });
});
