import { describe, expect, it } from 'vitest';
import { cpuNumbers, pinned } from './pin.ts';

describe('pinned', () => {
  it('wraps the command in taskset when cpus are given', () => {
    expect(pinned('1', '/bin/x', ['a'])).toEqual(['taskset', ['-c', '1', '/bin/x', 'a']]);
  });

  it('runs the command directly without cpus', () => {
    expect(pinned(undefined, '/bin/x', ['a'])).toEqual(['/bin/x', ['a']]);
  });

  it('puts chrt outermost for real-time priority', () => {
    expect(pinned('0', '/bin/x', [], true)).toEqual(['chrt', ['-f', '50', 'taskset', '-c', '0', '/bin/x']]);
  });

  it('rejects a CPU list that could smuggle arguments', () => {
    expect(() => pinned('1 --all', '/bin/x', [])).toThrow(/invalid CPU list/);
  });
});

describe('cpuNumbers', () => {
  it('expands ranges and sorts out duplicates', () => {
    expect(cpuNumbers('3,0-1,1')).toEqual([0, 1, 3]);
  });

  it('rejects a range that runs backwards', () => {
    expect(() => cpuNumbers('3-1')).toThrow(/backwards/);
  });
});
