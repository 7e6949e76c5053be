import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineTopology, parseCpuList, planDuet, type CpuTopology } from './duet.ts';

const flat = (n: number): CpuTopology => ({ cpus: Array.from({ length: n }, (_, i) => i), cores: Array.from({ length: n }, (_, i) => [i]) });

describe('planDuet', () => {
  it('refuses on 2 CPUs in one line that says why', () => {
    const r = planDuet(flat(2), 1);
    expect(r).toEqual({ ok: false, reason: '--duet needs at least 4 CPUs (the driver needs its own CPU, A and B one each, and one is left for the harness); this machine has 2' });
  });

  it('on a simulated 4-CPU machine gives the driver, A and B a CPU each and the harness CPU 0', () => {
    expect(planDuet(flat(4), 1)).toEqual({ ok: true, harness_cpus: [0], driver_cpus: [1], a_cpus: [3], b_cpus: [2], notes: [] });
  });

  it('keeps every role on CPUs of its own with more threads', () => {
    const r = planDuet(flat(8), 2);
    if (!r.ok) throw new Error(r.reason);
    const all = [...r.harness_cpus, ...r.driver_cpus, ...r.a_cpus, ...r.b_cpus];
    expect(new Set(all).size).toBe(all.length);
    expect(r.a_cpus).toHaveLength(2);
    expect(r.b_cpus).toHaveLength(2);
  });

  it('refuses 2 threads each on 4 CPUs', () => {
    const r = planDuet(flat(4), 2);
    expect(!r.ok && r.reason).toMatch(/needs at least 6 CPUs .* A and B 2 each/);
  });

  it('hands out whole cores on an SMT machine, so A and B never share one', () => {
    // 4 cores × 2 threads: siblings (0,4) (1,5) (2,6) (3,7).
    const smt: CpuTopology = { cpus: [0, 1, 2, 3, 4, 5, 6, 7], cores: [[0, 4], [1, 5], [2, 6], [3, 7]] };
    const r = planDuet(smt, 1);
    if (!r.ok) throw new Error(r.reason);
    const coreOf = (c: number) => smt.cores.findIndex((g) => g.includes(c));
    expect(new Set([coreOf(r.a_cpus[0]!), coreOf(r.b_cpus[0]!), coreOf(r.driver_cpus[0]!)]).size).toBe(3);
    expect(r.harness_cpus.map(coreOf).every((k) => k === 0)).toBe(true);
  });
});

describe('topology', () => {
  it('parses sysfs CPU lists', () => {
    expect(parseCpuList('0-3,8,10-11\n')).toEqual([0, 1, 2, 3, 8, 10, 11]);
  });

  it('reads online CPUs and SMT siblings from a sysfs tree', () => {
    const sys = mkdtempSync(path.join(tmpdir(), 'sys-cpu-'));
    writeFileSync(path.join(sys, 'online'), '0-3\n');
    for (const [cpu, sib] of [[0, '0,2'], [1, '1,3'], [2, '0,2'], [3, '1,3']] as const) {
      mkdirSync(path.join(sys, `cpu${cpu}`, 'topology'), { recursive: true });
      writeFileSync(path.join(sys, `cpu${cpu}`, 'topology', 'thread_siblings_list'), `${sib}\n`);
    }
    expect(machineTopology(sys)).toEqual({ cpus: [0, 1, 2, 3], cores: [[0, 2], [1, 3]] });
  });
});
