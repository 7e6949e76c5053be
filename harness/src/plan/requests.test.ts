import { describe, expect, it } from 'vitest';
import { meanEventsPerRequest, preloadBodies, REQUEST_KINDS, requestPool } from './requests.ts';
import type { ScenarioSpec } from './scenario.ts';

const base: ScenarioSpec = {
  schema_version: 1,
  name: 't',
  description: 'test',
  vectors: [],
  workload: { kind: 'events', keys: 50, events_per_request: 10, invalid_share: 0, pool_size: 8 },
  preload: null,
  load: { schedule: { kind: 'constant', rate_per_s: 100 }, connections: 4 },
  capacity: { connections: 4 },
  seed: 7,
};

describe('scenario request pools', () => {
  it('are the same bytes for the same seed', () => {
    const a = requestPool(base).map((r) => r.body.toString('base64'));
    const b = requestPool(base).map((r) => r.body.toString('base64'));
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it('change with the seed', () => {
    const a = requestPool(base)[0]!.body.toString();
    const b = requestPool({ ...base, seed: 8 })[0]!.body.toString();
    expect(a).not.toBe(b);
  });

  it('carry the declared number of events per batch', () => {
    const pool = requestPool(base);
    expect(pool).toHaveLength(8);
    for (const r of pool) expect(JSON.parse(r.body.toString())).toHaveLength(10);
    expect(meanEventsPerRequest(pool)).toBe(10);
  });

  it('mix key reads and writes in the declared share', () => {
    const pool = requestPool({
      ...base,
      workload: { kind: 'mixed', keys: 50, events_per_request: 10, invalid_share: 0, read_share: 0.5, pool_size: 400 },
    });
    const reads = pool.filter((r) => r.kind === REQUEST_KINDS.key_read);
    expect(reads.length).toBeGreaterThan(150);
    expect(reads.length).toBeLessThan(250);
    expect(reads.every((r) => r.method === 'GET' && /^\/v1\/keys\/sensor-\d+$/.test(r.path))).toBe(true);
  });

  it('preload touches every key the declared number of times, in valid events', () => {
    const bodies = [...preloadBodies({ ...base, preload: { keys: 25, events_per_key: 2, events_per_request: 7 } })];
    const events = bodies.flatMap((b) => JSON.parse(b.toString()) as Array<{ key: string; kind: string }>);
    expect(events).toHaveLength(50);
    const perKey = new Map<string, number>();
    for (const e of events) perKey.set(e.key, (perKey.get(e.key) ?? 0) + 1);
    expect(perKey.size).toBe(25);
    expect([...perKey.values()].every((n) => n === 2)).toBe(true);
  });
});
