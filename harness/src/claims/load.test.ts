import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClaims, parseClaims } from './load.ts';

describe('claims file validation', () => {
  it('lists every problem at once, each with its path', () => {
    const r = parseClaims({
      schema_version: 2,
      claims: [
        { id: 'Bad Id', description: 'x', kind: 'ratio', metric: 'p98', subject: 'rust', reference: 'rust', op: '<', value: -1 },
        { id: 'dup', description: 'x', kind: 'no_pauses', processor: 'rust' },
        { id: 'dup', description: 'x', kind: 'no_pauses', processor: 'rust', extra: true },
        { id: 'k', description: 'x', kind: 'telepathy' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const all = r.problems.join('\n');
    for (const expected of ['schema_version', 'title', 'claims.0.id', 'claims.0.metric', 'claims.0.op', 'claims.0.value', 'claims.2', 'claims.3.kind']) {
      expect(all).toContain(expected);
    }
    expect(r.problems.length).toBeGreaterThanOrEqual(8);
  });

  it('reports duplicate ids and a ratio of a processor to itself', () => {
    const r = parseClaims({
      schema_version: 1, title: 't',
      claims: [
        { id: 'a', description: 'x', kind: 'ratio', metric: 'p99', subject: 'go', reference: 'go', op: '<=', value: 1 },
        { id: 'a', description: 'x', kind: 'no_pauses', processor: 'rust' },
      ],
    });
    expect(r.ok === false && r.problems).toEqual(['claims.0.reference: subject and reference are the same processor', 'claims.1.id: duplicate id "a"']);
  });

  it('a missing file and bad JSON are one problem each, naming the file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'claims-'));
    try {
      const bad = path.join(dir, 'bad.json');
      await writeFile(bad, '{ nope');
      expect(await loadClaims(path.join(dir, 'none.json'))).toEqual({ ok: false, problems: [`${path.join(dir, 'none.json')} does not exist`] });
      const r = await loadClaims(bad);
      expect(r.ok === false && r.problems[0]).toMatch(/bad\.json is not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
