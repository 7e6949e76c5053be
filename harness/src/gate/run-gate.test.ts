import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { writeRunDir } from '../results/write-run.ts';
import { memoryStore } from './fixtures/memory-store.ts';
import { runGate, type GateInputs } from './run-gate.ts';

const base: Omit<GateInputs, 'baseline'> = { limits: 'p50=+10%', method: 'auto', pairing: 'rounds', confidence: 0.95, min_n: 3, include_driver_limited: false, json: false };
const mains = [1, 2, 3].map((seed) => syntheticRun({ seed, git_branch: 'main' }));
const pr = syntheticRun({ seed: 10, git_branch: 'feature', latency_scale: { go: 1.5 } });
const store = memoryStore([...mains, pr]);

let tmp = '';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gate-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('runGate', () => {
  it('gates the latest run against a store query of main and finds the regression', async () => {
    const out = await runGate({ ...base, baseline: 'branch=main,last=2' }, store);
    expect(out.exit_code).toBe(1);
    expect(out.result.kind === 'result' && out.result.baseline_runs).toEqual(['synthetic-000003', 'synthetic-000002']);
    expect(out.result.kind === 'result' && out.result.candidate_run).toBe('synthetic-000010');
    expect(out.stdout).toContain('🔴 **regression**');
  });

  it('never uses the candidate as its own baseline', async () => {
    const out = await runGate({ ...base, baseline: 'last=10', candidate: 'synthetic-000010' }, store);
    expect(out.result.kind === 'result' && out.result.baseline_runs).not.toContain('synthetic-000010');
  });

  it('reads a run folder and a folder of runs as the baseline', async () => {
    for (const r of mains) await writeRunDir(path.join(tmp, 'artifact', r.manifest.run_id), r);
    const one = await runGate({ ...base, baseline: path.join(tmp, 'artifact', 'synthetic-000001'), candidate: 'synthetic-000002' }, store);
    expect(one.exit_code).toBe(0);
    const many = await runGate({ ...base, baseline: path.join(tmp, 'artifact'), candidate: 'synthetic-000010' }, store);
    expect(many.result.kind === 'result' && many.result.baseline_runs).toHaveLength(3);
  });

  it('exit 2 listing every problem: missing baseline, bad limits, missing candidate', async () => {
    const out = await runGate({ ...base, baseline: 'no-such-run', candidate: 'nor-this', limits: 'p99=+10,speed=+1%' }, store);
    expect(out.exit_code).toBe(2);
    expect(out.result.kind === 'error' && out.result.problems).toEqual([
      '--limits: "p99=+10" does not parse: expected [scenario:]metric=±N% (e.g. p99=+10%, ingest:p99=+5%, throughput=-10%)',
      expect.stringContaining('--limits: "speed=+1%": unknown metric "speed"'),
      '--candidate: run "nor-this" does not exist in the memory store',
      '--baseline: run "no-such-run" does not exist in the memory store',
    ]);
    expect(out.stdout).toContain('❌ **error**');
  });

  it('exit 2 for a query that matches nothing, a bad query and a folder that does not exist', async () => {
    for (const baseline of ['branch=nope', 'branch=main,last=zero,colour=red', './does/not/exist']) {
      const out = await runGate({ ...base, baseline }, store);
      expect(out.exit_code).toBe(2);
    }
    const bad = await runGate({ ...base, baseline: 'branch=main,last=zero,colour=red' }, store);
    expect(bad.result.kind === 'error' && bad.result.problems).toHaveLength(2);
  });

  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY and prints JSON when asked', async () => {
    const summary = path.join(tmp, 'summary.md');
    const out = await runGate({ ...base, baseline: 'branch=main', json: true, step_summary: summary }, store);
    expect(JSON.parse(out.stdout).outcome).toBe('regression');
    expect(await readFile(summary, 'utf8')).toContain('## Benchmark gate');
  });
});
