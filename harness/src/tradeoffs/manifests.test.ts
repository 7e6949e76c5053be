// Every processor manifest that declares a tradeoffs section declares one that resolves: the
// touched file exists, every code include matches a file, every dependency source reads. A
// fourth or fifth implementation's manifest is checked by this too, with no harness change.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../processors/index.ts';
import { codeFigure, dependencyFigure } from './figures.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const declaring = loadManifests(repoRoot, undefined, { all: true }).filter((m) => m.tradeoffs !== undefined);

describe.each(declaring.map((m) => [m.name, m] as const))('%s manifest tradeoffs section', (_name, manifest) => {
  const t = manifest.tradeoffs!;

  it('names a touched file that exists', () => {
    expect(existsSync(path.resolve(manifest.dir, t.touch))).toBe(true);
  });

  it('counts code with every include matching a file', () => {
    const code = codeFigure(manifest);
    expect(code).toMatchObject({ status: 'measured', unmatched_includes: [] });
    if (code.status === 'measured') expect(code.lines).toBeGreaterThan(0);
  });

  it('reads every dependency source', () => {
    expect(dependencyFigure(manifest).status).toBe('measured');
  });

  it('keeps the checked build apart from the release build', () => {
    if ('none' in t.safety) return;
    expect(t.safety.start.command).not.toEqual(manifest.start.command);
  });
});
