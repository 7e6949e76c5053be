// The repository's own golden vectors: every file parses, validates against the format, and
// follows the naming rule; the set covers every rejection reason of both routes.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { vectorFilePaths, loadVectors } from './load-vectors.ts';
import { vectorSchema } from './vector-schema.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const paths = vectorFilePaths(join(repoRoot, 'scenarios'));

describe('golden vectors', () => {
  it('exist for both suites, at least 40 in all', () => {
    expect(paths.length).toBeGreaterThanOrEqual(40);
    expect(paths.some((p) => p.includes('/ingest/vectors/'))).toBe(true);
    expect(paths.some((p) => p.includes('/reads/vectors/'))).toBe(true);
  });

  for (const path of paths) {
    it(`${basename(path)} is a valid vector named NNN-<case>.json`, () => {
      expect(basename(path)).toMatch(/^\d{3}-[a-z0-9-]+\.json$/);
      const parsed = vectorSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    });
  }

  it('cover every event rejection reason and every FASTQ reason', () => {
    const text = loadVectors(repoRoot).map((v) => JSON.stringify(v.vector)).join('\n');
    for (const reason of ['type', 'key', 'ts', 'value', 'kind']) expect(text).toContain(`{"index":0,"reason":"${reason}"}`);
    for (const reason of ['header', 'sequence', 'separator', 'quality', 'truncated']) expect(text).toContain(`"reason":"${reason}"`);
  });
});

describe('vector expectations', () => {
  // The expected bodies are hand-written; the Python model (written from the spec alone) is
  // the independent second derivation that must agree with every step.
  it('agree with the independent reference model in scenarios/reference_model.py', () => {
    const run = spawnSync('python3', [join(repoRoot, 'scenarios', 'reference_model.py')], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/: 0 disagree with the model/);
    expect(run.status).toBe(0);
  });
});

describe('vector schema', () => {
  it('rejects a request with two bodies', () => {
    const r = vectorSchema.safeParse({ description: 'x', steps: [{ request: { method: 'POST', path: '/v1/events', json: [], text: '[]' }, expect: { status: 200, body: {} } }] });
    expect(r.success).toBe(false);
  });

  it('rejects a step without an expected body or with an unknown field', () => {
    expect(vectorSchema.safeParse({ description: 'x', steps: [{ request: { method: 'GET', path: '/health' }, expect: { status: 200 } }] }).success).toBe(false);
    expect(vectorSchema.safeParse({ description: 'x', steps: [{ request: { method: 'GET', path: '/health', query: 'a' }, expect: { status: 200, body: {} } }] }).success).toBe(false);
  });
});
