import { describe, expect, it } from 'vitest';
import { cycleJson, GcCycles, MAX_CYCLES, type GcEntry } from './gc-cycles.ts';
import type { GcKind } from './metrics.ts';

const T0 = 1_764_144_000_000_000_000n;

/** An entry starting `startUs` µs after T0 and lasting `durationUs` µs. */
function entry(kind: GcKind, startUs: number, durationUs: number): GcEntry {
  const startUnixNs = T0 + BigInt(startUs * 1000);
  return { kind, startUnixNs, endUnixNs: startUnixNs + BigInt(durationUs * 1000) };
}

const at = (us: number): bigint => T0 + BigInt(us * 1000);

describe('GcCycles', () => {
  it('makes a scavenge one minor cycle that is all pause', () => {
    const c = new GcCycles();
    c.record(entry('minor', 100, 1500));
    expect(c.recent()).toEqual([
      { startUnixNs: at(100), endUnixNs: at(1600), kind: 'minor', stwNs: 1_500_000, phases: [{ name: 'scavenge', stw: true, startUnixNs: at(100), endUnixNs: at(1600) }] },
    ]);
  });

  it('runs a major cycle from the start of incremental marking to the end of the final pause', () => {
    const c = new GcCycles();
    c.record(entry('incremental', 1000, 3000));
    c.record(entry('major', 50_000, 8000));
    expect(c.recent()).toEqual([
      {
        startUnixNs: at(1000),
        endUnixNs: at(58_000),
        kind: 'major',
        stwNs: 11_000_000,
        phases: [
          { name: 'incremental_marking_start', stw: true, startUnixNs: at(1000), endUnixNs: at(4000) },
          { name: 'incremental_marking', stw: false, startUnixNs: at(4000), endUnixNs: at(50_000) },
          { name: 'mark_sweep_compact', stw: true, startUnixNs: at(50_000), endUnixNs: at(58_000) },
        ],
      },
    ]);
  });

  it('makes a major collection without incremental marking one pause', () => {
    const c = new GcCycles();
    c.record(entry('major', 10, 20_000));
    expect(c.recent()[0]).toMatchObject({ startUnixNs: at(10), endUnixNs: at(20_010), stwNs: 20_000_000, phases: [{ name: 'mark_sweep_compact', stw: true }] });
  });

  it('keeps scavenges during incremental marking as cycles of their own, listed as they end', () => {
    const c = new GcCycles();
    c.record(entry('incremental', 0, 100));
    c.record(entry('minor', 5000, 500));
    c.record(entry('major', 9000, 1000));
    expect(c.recent().map((x) => [x.kind, x.startUnixNs])).toEqual([
      ['minor', at(5000)],
      ['major', at(0)],
    ]);
  });

  it('reports incremental marking as in progress until its final pause', () => {
    const c = new GcCycles();
    c.record(entry('incremental', 700, 100));
    expect(c.inProgress()).toEqual({ startUnixNs: at(700), kind: 'major' });
    c.record(entry('major', 9000, 1000));
    expect(c.inProgress()).toBeUndefined();
  });

  it('counts a restarted marking from its first start', () => {
    const c = new GcCycles();
    c.record(entry('incremental', 100, 10));
    c.record(entry('incremental', 4000, 10));
    c.record(entry('major', 9000, 1000));
    expect(c.recent()[0]!.startUnixNs).toBe(at(100));
  });

  it('does not make weak-callback processing a cycle', () => {
    const c = new GcCycles();
    c.record(entry('weakcb', 0, 300));
    expect(c.recent()).toEqual([]);
    expect(c.inProgress()).toBeUndefined();
  });

  it('keeps the last 256 cycles, oldest first', () => {
    const c = new GcCycles();
    for (let i = 0; i < MAX_CYCLES + 3; i++) c.record(entry('minor', i * 10, 1));
    const cycles = c.recent();
    expect(cycles).toHaveLength(MAX_CYCLES);
    expect(cycles[0]!.startUnixNs).toBe(at(30));
    expect(cycles.at(-1)!.startUnixNs).toBe(at((MAX_CYCLES + 2) * 10));
  });

  it('writes a cycle with exact integer times and a null cpu_ns', () => {
    const c = new GcCycles();
    c.record(entry('minor', 1, 2));
    expect(cycleJson(c.recent()[0]!)).toBe(
      `{"start_unix_ns":${at(1)},"end_unix_ns":${at(3)},"kind":"minor","stw_ns":2000,"cpu_ns":null,` +
        `"phases":[{"name":"scavenge","stw":true,"start_unix_ns":${at(1)},"end_unix_ns":${at(3)}}]}`,
    );
  });
});
