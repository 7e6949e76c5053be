import { describe, expect, it } from 'vitest';
import { instructionsBetween, parsePerfIntervals, parsePerfProbe, startInstructionCounter } from './instructions.ts';

describe('parsePerfProbe', () => {
  it('says perf is not installed when the command is missing', () => {
    const err = Object.assign(new Error('spawnSync perf ENOENT'), { code: 'ENOENT' });
    expect(parsePerfProbe({ error: err, status: null, stderr: '' })).toEqual({ supported: false, reason: 'perf not installed (Debian package linux-perf)' });
  });

  it('says not supported on a machine without hardware counters (this VM\'s own output)', () => {
    const r = parsePerfProbe({ status: 0, stderr: '<not supported>,,instructions,0,100.00,,\n' });
    expect(r.supported).toBe(false);
    expect(!r.supported && r.reason).toMatch(/<not supported>/);
  });

  it('accepts a machine that counts', () => {
    expect(parsePerfProbe({ status: 0, stderr: '1234567,,instructions,812345,100.00,0.91,insn per cycle\n' })).toEqual({ supported: true });
  });

  it('names the paranoid setting when the counter exists but is not counted', () => {
    const r = parsePerfProbe({ status: 0, stderr: '<not counted>,,instructions,0,0.00,,\n' });
    expect(!r.supported && r.reason).toMatch(/perf_event_paranoid/);
  });
});

describe('parsePerfIntervals', () => {
  it('reads interval lines and skips the rest', () => {
    const text = '# started on Tue Dec  1\n     0.100212,120000,,instructions,100100,100.00,,\n     0.200401,<not counted>,,instructions,0,0.00,,\n     0.300502,90000,,instructions,100100,100.00,,\n';
    expect(parsePerfIntervals(text)).toEqual([
      { end_s: 0.100212, count: 120000 },
      { end_s: 0.200401, count: 0 },
      { end_s: 0.300502, count: 90000 },
    ]);
  });

  it('reports <not supported> instead of zero counts', () => {
    expect(parsePerfIntervals('0.1,<not supported>,,instructions,0,100.00,,\n')).toHaveProperty('unsupported');
  });
});

describe('instructionsBetween', () => {
  const rec = { status: 'counted' as const, start_unix_ms: 1000, intervals: [1, 2, 3, 4].map((i) => ({ end_s: i * 0.1, count: 100 })) };

  it('sums whole intervals inside the window', () => {
    expect(instructionsBetween(rec, 1100, 1300)).toBeCloseTo(200, 9);
  });

  it('takes the overlapping share of intervals cut by the window', () => {
    expect(instructionsBetween(rec, 1050, 1250)).toBeCloseTo(200, 9);
  });

  it('is null when the count does not cover the window', () => {
    expect(instructionsBetween(rec, 1100, 1500)).toBeNull();
    expect(instructionsBetween(rec, 900, 1200)).toBeNull();
  });
});

describe('startInstructionCounter', () => {
  it('records why there is no count without starting perf', async () => {
    const c = startInstructionCounter(process.pid, { supported: false, reason: 'perf not installed (Debian package linux-perf)' });
    expect(await c.stop()).toEqual({ status: 'not-supported', reason: 'perf not installed (Debian package linux-perf)' });
  });
});
