import { describe, expect, it } from 'vitest';
import { parseSloFlag } from './slo-flag.ts';

describe('--slo', () => {
  it('reads clean and raw bounds in any unit', () => {
    expect(parseSloFlag('p99_clean<=5ms, p50<=800us,p999<=0.02s')).toEqual({
      ok: true,
      latency: [
        { percentile: 'p99', figure: 'clean', max_us: 5000 },
        { percentile: 'p50', figure: 'raw', max_us: 800 },
        { percentile: 'p999', figure: 'raw', max_us: 20_000 },
      ],
    });
  });

  it('names the bound it cannot read and what one looks like', () => {
    const r = parseSloFlag('p99_clean<=5ms,p95<=1ms');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toContain('"p95<=1ms" is not a bound like p99_clean<=5ms');
  });

  it('refuses a figure bounded twice', () => {
    expect(parseSloFlag('p99<=5ms,p99<=6ms')).toEqual({ ok: false, problem: '--slo: p99 is bounded twice' });
  });

  it('refuses an empty list', () => {
    expect(parseSloFlag(' , ').ok).toBe(false);
  });
});
