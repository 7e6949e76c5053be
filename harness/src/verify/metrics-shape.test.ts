import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricsProblems } from './metrics-shape.ts';

const SPEC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'processors', 'README.md'), 'utf8');

/** The example body in the spec's "GET /metrics" section. */
function specExample(): string {
  const section = SPEC.slice(SPEC.indexOf('## `GET /metrics`'));
  return /```json\n([\s\S]*?)```/.exec(section)![1]!;
}

const T = 1_764_144_000_000_000_000;
const US = 1000;

function goLike(): Record<string, any> {
  return {
    impl: 'go',
    runtime: 'go1.26.8',
    uptime_s: 3.5,
    heap_bytes: 1000,
    gc: {
      collector: true,
      count: 1,
      pause_total_ns: 300 * US,
      pauses: [{ end_unix_ns: T + 10_000 * US, duration_ns: 300 * US, kind: 'stw' }],
      cycles: [
        {
          start_unix_ns: T,
          end_unix_ns: T + 10_000 * US,
          kind: 'major',
          stw_ns: 3000 * US,
          cpu_ns: 5000 * US,
          phases: [
            { name: 'sweep_termination', stw: true, start_unix_ns: T, end_unix_ns: T + 1000 * US },
            { name: 'mark', stw: false, start_unix_ns: T + 1000 * US, end_unix_ns: T + 8000 * US },
            { name: 'mark_termination', stw: true, start_unix_ns: T + 8000 * US, end_unix_ns: T + 10_000 * US },
          ],
          cpu_parts: { assist_ns: 1000 * US, background_ns: 1000 * US, idle_ns: 0, pause_ns: 3000 * US },
        },
      ],
      cycles_until_unix_ns: T + 1_000_000_000,
      cycle_in_progress: null,
    },
    extra: {},
  };
}

const problemsOf = (body: unknown): string[] => metricsProblems(JSON.stringify(body));

describe('metricsProblems', () => {
  it('accepts the example in the spec', () => {
    expect(metricsProblems(specExample())).toEqual([]);
  });

  it('accepts a runtime without a collector that says so', () => {
    const body = { ...goLike(), gc: { collector: false, count: 0, pause_total_ns: 0, pauses: [], cycles: [], cycles_until_unix_ns: null, cycle_in_progress: null } };
    expect(problemsOf(body)).toEqual([]);
  });

  it('refuses a time written as a float even when its value is whole', () => {
    const text = JSON.stringify(goLike()).replace(`"cycles_until_unix_ns":${T + 1_000_000_000}`, '"cycles_until_unix_ns":1.764144001e+18');
    expect(metricsProblems(text)).toEqual(['cycles_until_unix_ns is written 1.764144001e+18: integers only']);
  });

  it('refuses a body without the cycle fields', () => {
    const body = goLike();
    delete body.gc.cycles;
    expect(problemsOf(body)).toEqual([expect.stringContaining('$.gc.cycles:')]);
  });

  it('refuses fields out of the spec order', () => {
    const { impl, ...rest } = goLike();
    expect(problemsOf({ ...rest, impl })).toEqual([expect.stringContaining('fields in the order impl, runtime, uptime_s, heap_bytes, gc, extra')]);
  });

  it('refuses a phase outside its cycle', () => {
    const body = goLike();
    body.gc.cycles[0].phases[2].end_unix_ns = T + 20_000 * US;
    body.gc.cycles[0].stw_ns = 13_000 * US;
    expect(problemsOf(body)).toEqual(['gc.cycles[0].phases[2] (mark_termination) lies outside its cycle']);
  });

  it('refuses phases that overlap', () => {
    const body = goLike();
    body.gc.cycles[0].phases[1].start_unix_ns = T;
    expect(problemsOf(body)).toEqual(['gc.cycles[0].phases[1] (mark) starts before the phase ahead of it ends']);
  });

  it('refuses a stw_ns that is not the sum of the stw phases', () => {
    const body = goLike();
    body.gc.cycles[0].stw_ns = 300 * US;
    // The phases add up to 3 ms less what doubles at 1.8e18 round away.
    expect(problemsOf(body)).toEqual([expect.stringMatching(/^gc\.cycles\[0\]\.stw_ns is 300000, its stw phases add up to (?:299\d{4}|3000000)$/)]);
  });

  it('refuses a cpu_ns that is not the sum of its parts', () => {
    const body = goLike();
    body.gc.cycles[0].cpu_ns = 4000 * US;
    expect(problemsOf(body)).toEqual(['gc.cycles[0].cpu_ns is not the sum of its cpu_parts']);
  });

  it('refuses a cycle listed as complete after the time the list is complete up to', () => {
    const body = goLike();
    body.gc.cycles_until_unix_ns = T + 5000 * US;
    expect(problemsOf(body)).toEqual(['gc.cycles[0] ends after cycles_until_unix_ns']);
  });

  it('refuses cycles listed out of the order they ended', () => {
    const body = goLike();
    const first = body.gc.cycles[0];
    const earlier = { ...first, start_unix_ns: T - 50_000 * US, end_unix_ns: T - 40_000 * US, phases: [{ name: 'mark_sweep_compact', stw: true, start_unix_ns: T - 50_000 * US, end_unix_ns: T - 40_000 * US }], stw_ns: 10_000 * US, cpu_ns: null, cpu_parts: undefined };
    body.gc.cycles = [first, earlier];
    expect(problemsOf(body)).toEqual(['gc.cycles[1] ends before the cycle listed ahead of it']);
  });

  it('refuses cycle bookkeeping from a runtime that has no collector', () => {
    const body = { ...goLike(), gc: { collector: false, count: 0, pause_total_ns: 0, pauses: [], cycles: [], cycles_until_unix_ns: T, cycle_in_progress: null } };
    expect(problemsOf(body)).toEqual(['gc: no collector, so cycles_until_unix_ns and cycle_in_progress are null']);
  });

  it('says when the body is not JSON', () => {
    expect(metricsProblems('{"impl":')).toEqual([expect.stringMatching(/^not JSON: /)]);
  });
});
