import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyProcessors, renderVerifyReport, type VerifyReport } from './index.ts';
import { runningChildCount } from '../launch/index.ts';

const server = join(import.meta.dirname, 'fixtures', 'mini-processor.mjs');

function processor(root: string, name: string, start: string[], build: string[] = ['true']): void {
  const dir = join(root, 'processors', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'processor.json'),
    JSON.stringify({
      schema_version: 1, name, language: 'JavaScript', description: 'verify test double',
      build: { command: build, inputs: ['processor.json'] },
      start: { command: start }, readiness: '/health', toolchain: { command: ['node', '--version'] },
    }),
  );
}

// A vector this mini processor can pass: a batch of 6 events, which "wrong-count" miscounts.
const vector = {
  description: 'six events',
  steps: [
    {
      request: { method: 'POST', path: '/v1/events', headers: { 'content-type': 'application/json' }, json: [1, 2, 3, 4, 5, 6].map((i) => ({ key: `k${i}` })) },
      expect: { status: 200, body: { accepted: 6, rejected: 0, errors: [] } },
    },
    { request: { method: 'POST', path: '/v1/events', headers: { 'content-type': 'application/json' }, text: '[' }, expect: { status: 400, body: { error: '<any non-empty string>' } } },
  ],
};

let report: VerifyReport;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'verify-'));
  processor(root, 'alpha', ['node', server, 'good']);
  processor(root, 'beta', ['node', server, 'good']);
  processor(root, 'wrong', ['node', server, 'wrong-count']);
  processor(root, 'badmetrics', ['node', server, 'bad-metrics']);
  processor(root, 'broken', ['node', server], ['sh', '-c', 'echo "compile error: expected ;" >&2; exit 2']);
  mkdirSync(join(root, 'scenarios', 'ingest', 'vectors'), { recursive: true });
  writeFileSync(join(root, 'scenarios', 'ingest', 'vectors', '001-six.json'), JSON.stringify(vector));
  report = await verifyProcessors({ repoRoot: root, suite: 'all', batches: 20, seed: 3 });
});

const verdict = (name: string) => report.processors.find((p) => p.name === name)!;

describe('verifyProcessors', () => {
  it('passes processors that answer every vector as expected', () => {
    expect(verdict('alpha')).toMatchObject({ vectors: 'pass', vector_steps: { passed: 2, total: 2 } });
  });

  it('fails a processor that differs from a vector, with file, step and JSON path', () => {
    expect(verdict('wrong').vectors).toBe('fail');
    expect(report.vector_failures).toEqual([
      expect.objectContaining({ processor: 'wrong', vector: 'scenarios/ingest/vectors/001-six.json', step: 1, path: '$.accepted', expected: 6, actual: 7 }),
    ]);
  });

  it('names the processor that disagrees with the others in differential testing', () => {
    expect(verdict('wrong').differential).toBe('fail');
    expect(verdict('alpha').differential).toBe('pass');
    expect(verdict('beta').differential).toBe('pass');
    expect(report.differential!.disagreements[0]!.odd).toEqual(['wrong']);
  });

  it('compares the final state and finds it equal where answers agreed', () => {
    expect(report.state!.requests).toBeGreaterThan(1);
    expect(verdict('alpha').state).toBe('pass');
  });

  it('checks /metrics against the spec and names what a processor gets wrong', () => {
    expect(verdict('alpha').metrics).toBe('pass');
    expect(verdict('badmetrics')).toMatchObject({ vectors: 'pass', metrics: 'fail' });
    expect(report.metrics_failures).toEqual([{ processor: 'badmetrics', problems: ['$.gc.pause_total_ns: expected an integer'] }]);
    expect(renderVerifyReport(report)).toContain('badmetrics: GET /metrics does not follow the spec (1 problem):');
  });

  it('reports a processor that fails to build while verifying the others', () => {
    const broken = verdict('broken');
    expect(broken.build.ok).toBe(false);
    if (!broken.build.ok) expect(broken.build.log_tail).toContain('compile error: expected ;');
    expect(broken.vectors).toBe('skipped');
    expect(broken.metrics).toBe('skipped');
  });

  it('fails overall and stops every processor it launched', () => {
    expect(report.ok).toBe(false);
    expect(runningChildCount()).toBe(0);
  });

  it('renders the table and each difference', () => {
    const text = renderVerifyReport(report);
    expect(text).toMatch(/alpha\s+ok \(cached\)|alpha\s+ok \(/);
    expect(text).toContain('wrong  scenarios/ingest/vectors/001-six.json step 1 (POST /v1/events)  $.accepted: numbers differ: expected 6, got 7');
    expect(text).toContain('disagreeing: wrong');
    expect(text).toContain('compile error: expected ;');
    expect(text).toContain('verify: FAIL');
  });
});
