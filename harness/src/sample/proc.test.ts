import { describe, expect, it } from 'vitest';
import { parseStatCpuTicks, parseStatusKb, readProc } from './proc.ts';

describe('/proc sampling', () => {
  it('parses VmRSS and VmHWM in bytes', () => {
    const status = 'Name:\tx\nVmHWM:\t   2048 kB\nVmRSS:\t    1024 kB\n';
    expect(parseStatusKb(status, 'VmRSS')).toBe(1024 * 1024);
    expect(parseStatusKb(status, 'VmHWM')).toBe(2048 * 1024);
    expect(parseStatusKb(status, 'VmSwap')).toBeUndefined();
  });

  it('reads utime + stime even when the command name has spaces and parentheses', () => {
    const stat = '123 (my (odd) name) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1 0 100 0 0';
    expect(parseStatCpuTicks(stat)).toBe(300);
  });

  it('reads this very process', async () => {
    const r = await readProc(process.pid);
    expect(r?.rss_bytes).toBeGreaterThan(1024 * 1024);
    expect(r!.peak_rss_bytes).toBeGreaterThanOrEqual(r!.rss_bytes);
    expect(r!.cpu_s).toBeGreaterThan(0);
  });

  it('returns undefined for a process that does not exist', async () => {
    expect(await readProc(2 ** 22 + 12345)).toBeUndefined();
  });
});
