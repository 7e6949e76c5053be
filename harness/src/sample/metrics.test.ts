import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MetricsResponse } from './metrics.ts';

const SPEC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'processors', 'README.md'), 'utf8');
const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(SPEC.slice(SPEC.indexOf('## `GET /metrics`')))![1]!) as Record<string, any>;

describe('MetricsResponse', () => {
  it('reads the spec example, cycles included', () => {
    const m = MetricsResponse.parse(example);
    expect(m.gc.cycles).toHaveLength(1);
    expect(m.gc.cycles![0]!.phases!.map((p) => p.name)).toEqual(['sweep_termination', 'mark', 'mark_termination']);
  });

  it('reads a processor built before gc.cycles existed', () => {
    const { cycles: _c, cycles_until_unix_ns: _u, cycle_in_progress: _p, ...gc } = example.gc;
    expect(MetricsResponse.safeParse({ ...example, gc }).success).toBe(true);
  });
});
