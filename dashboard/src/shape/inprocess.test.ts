import { describe, expect, it } from 'vitest';
import type { MicrobenchRecordView } from '../../../harness/src/serve/api-types.ts';
import { chartRows, extent, inProcessGroups, pointOf } from './inprocess.ts';

const rec = (name: string, implementation: string, batch_size: number, median_ns: number, ci: [number, number] | null, batch_unit = 'events'): MicrobenchRecordView => ({
  name, implementation, language: 'X', tool: 't', runtime: 'r', batch_size, batch_unit, median_ns,
  ci_low_ns: ci?.[0] ?? null, ci_high_ns: ci?.[1] ?? null, ci_level: 0.95, ci_method: 'median-order-statistics', samples: 10, iterations: 100,
});

describe('inProcessGroups', () => {
  const records = [
    rec('ingest', 'go', 100, 90_000, [85_000, 99_000]),
    rec('ingest', 'python-ffi', 1, 2_000, [1_900, 2_100]),
    rec('ingest', 'python-ffi', 100, 60_000, null),
    rec('analyze_reads', 'rust', 50, 170_000, [160_000, 190_000], 'reads'),
    rec('ingest', 'rust', 100, 40_000, [39_000, 41_000]),
  ];
  const groups = inProcessGroups(records);

  it('groups by function, with batch sizes ascending and implementations in first-seen order', () => {
    expect(groups.map((g) => [g.name, g.unit, g.batches, g.implementations])).toEqual([
      ['ingest', 'events', [1, 100], ['go', 'python-ffi', 'rust']],
      ['analyze_reads', 'reads', [50], ['rust']],
    ]);
  });

  it('draws a bar per implementation at each batch size, with its interval as error bars', () => {
    const rows = chartRows(groups[0]!, 'ns_per_call');
    expect(rows).toEqual([
      { batch: '1 events', 'python-ffi': 2_000, 'python-ffi__err': [100, 100] },
      { batch: '100 events', go: 90_000, go__err: [5_000, 9_000], 'python-ffi': 60_000, 'python-ffi__err': [0, 0], rust: 40_000, rust__err: [1_000, 1_000] },
    ]);
  });

  it('spans the interval ends on the axis', () => {
    expect(extent(groups[0]!, 'ns_per_call')).toEqual([1_900, 99_000]);
  });
});

describe('pointOf', () => {
  it('turns the time interval over into a rate interval', () => {
    const p = pointOf(rec('ingest', 'go', 100, 50_000, [40_000, 80_000]));
    expect(p.items_per_s).toEqual({ value: 2_000_000, low: 1_250_000, high: 2_500_000 });
  });

  it('has no rate interval without a time interval', () => {
    expect(pointOf(rec('key', 'node', 1, 1_000, null)).items_per_s).toEqual({ value: 1_000_000, low: null, high: null });
  });
});
