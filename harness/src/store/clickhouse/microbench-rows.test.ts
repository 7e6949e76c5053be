import { describe, expect, it } from 'vitest';
import { syntheticMicrobench } from '../microbench-fixtures.ts';
import { MICROBENCH_COLUMNS, microbenchFromRows, microbenchRows } from './microbench-rows.ts';

describe('microbench rows', () => {
  it('are one row per record with every table column', () => {
    const rows = microbenchRows(syntheticMicrobench('mb', '2026-12-01T10:00:00Z'), 7);
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual([...MICROBENCH_COLUMNS].sort());
    expect(rows.map((r) => r.seq)).toEqual([0, 1, 2]);
  });

  it('rebuild the result exactly, whatever order the rows arrive in', () => {
    for (const r of [syntheticMicrobench('mb', '2026-12-01T10:00:00Z'), syntheticMicrobench('mb2', '2026-12-01T10:00:00Z', { withSources: false, smoke: true })]) {
      expect(microbenchFromRows(microbenchRows(r, 1).reverse())).toEqual(r);
    }
  });

  it('read 64-bit integers quoted as ClickHouse 18.16 sends them', () => {
    const r = syntheticMicrobench('mb', '2026-12-01T10:00:00Z');
    const quoted = microbenchRows(r, 1).map((row) => ({ ...row, batch_size: String(row.batch_size), iterations: String(row.iterations), version: '1' }));
    expect(microbenchFromRows(quoted)).toEqual(r);
  });

  it('are nothing for no rows', () => {
    expect(microbenchFromRows([])).toBeUndefined();
  });
});
