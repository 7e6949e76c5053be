import { describe, expect, it } from 'vitest';
import { limitFor, parseLimits } from './limits.ts';

describe('parseLimits', () => {
  it('parses per-metric limits with aliases and bounds', () => {
    const r = parseLimits('p99=+10%,rss=+10%,throughput=-10%');
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.limits.map((l) => [l.metric, l.bound])).toEqual([
      ['p99', 1.1],
      ['steady_rss', 1.1],
      ['throughput', 0.9],
    ]);
  });

  it('accepts per-scenario limits, which win over the general one', () => {
    const r = parseLimits('p99=+10%,ingest:p99=+5%');
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(limitFor(r.limits, 'ingest', 'p99')?.bound).toBeCloseTo(1.05, 12);
    expect(limitFor(r.limits, 'reads', 'p99')?.bound).toBeCloseTo(1.1, 12);
    expect(limitFor(r.limits, 'reads', 'p50')).toBeUndefined();
  });

  it('reads an unsigned limit in the worse direction', () => {
    const r = parseLimits('throughput=5%');
    expect(r.ok && r.limits[0]?.bound).toBeCloseTo(0.95, 12);
  });

  it('lists every problem at once', () => {
    const r = parseLimits('p99=10,latency=+5%,p99=-10%,throughput=+5%,,p50=+1%,p50=+2%');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(6);
    expect(r.problems.join('\n')).toMatch(/"p99=10" does not parse/);
    expect(r.problems.join('\n')).toMatch(/unknown metric "latency"/);
    expect(r.problems.join('\n')).toMatch(/p99 is lower-is-better/);
    expect(r.problems.join('\n')).toMatch(/throughput is higher-is-better/);
    expect(r.problems.join('\n')).toMatch(/empty item/);
    expect(r.problems.join('\n')).toMatch(/second limit for p50/);
  });

  it('accepts every metric the comparison knows, the cost metrics included', () => {
    const r = parseLimits('p50=+5%,p99=+10%,p99.9=+20%,p99_clean=+10%,p999_clean=+20%,throughput=-10%,peak_rss=+10%,rss=+10%,cpu=+5%,instructions=+2%,capacity=-10%');
    expect(r.ok && r.limits.map((l) => l.metric)).toEqual([
      'p50', 'p99', 'p999', 'p99_clean', 'p999_clean', 'throughput', 'peak_rss', 'steady_rss', 'cpu_per_million_events', 'instructions_per_event', 'capacity',
    ]);
  });

  it('names every known metric when one is unknown', () => {
    const r = parseLimits('latency=+5%');
    expect(!r.ok && r.problems[0]).toMatch(/known: p50, p99, p999 \(p99\.9\), p99_clean, .*instructions_per_event \(instructions\), capacity\)/);
  });

  it('rejects an empty spec', () => {
    expect(parseLimits('').ok).toBe(false);
  });
});
