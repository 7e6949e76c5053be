// ONE real sweep end to end, functional only: two knee processors (a fixed CPU cost per batch, so
// each has a limit; one costs half the other) swept with 1-second steps: curve, bisection, confirmation, an equal-load point
// and the native closed-loop ceiling, every step a fresh process measured by the pipeline's own
// code; its files validate against the committed JSON Schema and report renders them. No figure
// is asserted beyond the shape: the machine is shared.
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaFileText } from '../results/json-schema.ts';
import { SWEEP_FILE } from '../results/layout.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import { kneeRepo } from './fixtures/knee-repo.ts';
import { kneeSweep } from './fixtures/knee-sweep.ts';
import { renderSweepText } from './render.ts';

const repo = kneeRepo();
let result: SweepResult;
let dir: string;

beforeAll(async () => {
  ({ result, dir } = await kneeSweep(repo));
}, 300_000);

afterAll(async () => {
  await rm(repo.root, { recursive: true, force: true });
});

describe('a real sweep of the knee processor', () => {
  it('walks each curve from the start rate until the processor is past its limit', () => {
    expect(result.status).toBe('complete');
    for (const p of result.scenarios[0]!.processors) {
      const curve = p.steps.filter((s) => s.stage === 'curve');
      expect(curve[0]!.offered_rate_per_s).toBe(100);
      const last = curve.at(-1)!;
      expect(last.verdict.sustainable).toBe(false);
      // Two unsustainable steps end a curve, or one the driver limited (nothing above it could be judged).
      if (!last.verdict.failed_by.includes('driver')) expect(curve.at(-2)!.verdict.sustainable).toBe(false);
    }
  });

  it('takes the two processors’ steps in turns', () => {
    const started = result.scenarios[0]!.processors.flatMap((p) => p.steps.map((s) => ({ processor: p.processor, at: s.started_at })));
    const firstTwo = started.sort((a, b) => a.at.localeCompare(b.at)).slice(0, 2).map((s) => s.processor);
    expect(firstTwo).toEqual(['knee', 'knee-fast']);
  });

  it('finds a sustainable rate on the first processor’s curve', () => {
    const curve = result.scenarios[0]!.processors[0]!.steps.filter((s) => s.stage === 'curve');
    expect(curve.some((s) => s.verdict.sustainable)).toBe(true);
  });

  it('bisects, confirms, measures an equal-load point and the closed-loop ceiling', () => {
    const p = result.scenarios[0]!.processors[0]!;
    expect(p.steps.some((s) => s.stage === 'bisect')).toBe(true);
    expect(p.steps.filter((s) => s.stage === 'confirm')).toHaveLength(1);
    expect(p.steps.filter((s) => s.stage === 'equal-load').map((s) => s.basis)).toContainEqual([{ fraction: 0.5, of: 'knee' }]);
    expect(p.sustainable!.rate_per_s).toBeLessThan(3000);
    expect(p.native_ceiling!.requests_per_s).toBeGreaterThan(0);
  });

  it('measures the faster processor at the slower one’s equal load too', () => {
    const fast = result.scenarios[0]!.processors[1]!;
    expect(fast.steps.filter((s) => s.stage === 'equal-load').flatMap((s) => s.basis.map((b) => b.of))).toContain('knee');
  });

  it('keeps every step’s full measurement beside the sweep file', async () => {
    const steps = result.scenarios[0]!.processors.flatMap((p) => p.steps);
    for (const s of steps) expect((await stat(path.join(dir, s.measurement_file!))).isFile()).toBe(true);
  });

  it('writes a sweep file that validates against the committed JSON Schema', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
    const validate = ajv.compile(JSON.parse(schemaFileText('sweep')));
    const ok = validate(JSON.parse(await readFile(path.join(dir, SWEEP_FILE), 'utf8')));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it('renders as the report’s tables', () => {
    expect(renderSweepText(result)).toContain('knee / knee: latency against load');
  });
});
