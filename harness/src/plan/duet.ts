// `--duet` (Bulej et al., ICPE 2020: intervals 5–37× narrower): A and B measured at the same time
// on disjoint pinned CPUs, driven by one driver with one schedule, so whatever the machine does
// in a second it does to both, and per-second ratios are paired in time. It needs a CPU for the
// driver that neither processor shares (its timing is the measurement), `threads` CPUs each for A
// and B, and one for the harness, its sampler and the stall recorder. Below that it refuses in
// one line rather than measure a contended layout. Where the kernel reports SMT siblings, whole
// physical cores are handed out, so A and B never share a core's execution units.
import { readFileSync, readdirSync } from 'node:fs';

export interface CpuTopology {
  /** Online CPU ids. */
  cpus: number[];
  /** Groups of CPUs sharing one physical core (SMT siblings); each CPU alone when unknown. */
  cores: number[][];
}

export type DuetLayout =
  | { ok: true; harness_cpus: number[]; driver_cpus: number[]; a_cpus: number[]; b_cpus: number[]; notes: string[] }
  | { ok: false; reason: string };

export function duetCpusNeeded(threads: number): number {
  return 2 + 2 * threads;
}

/** Parses a sysfs CPU list such as "0-3,8,10-11". */
export function parseCpuList(text: string): number[] {
  const out: number[] = [];
  for (const part of text.trim().split(',').filter(Boolean)) {
    const [lo, hi] = part.split('-').map(Number);
    for (let c = lo!; c <= (hi ?? lo!); c++) out.push(c);
  }
  return out;
}

/** This machine's CPUs and cores from /sys (each CPU its own core when sysfs says nothing). */
export function machineTopology(sys = '/sys/devices/system/cpu'): CpuTopology {
  let cpus: number[];
  try {
    cpus = parseCpuList(readFileSync(`${sys}/online`, 'utf8'));
  } catch {
    cpus = readdirSync(sys).flatMap((d) => (/^cpu\d+$/.test(d) ? [Number(d.slice(3))] : [])).sort((a, b) => a - b);
  }
  const seen = new Set<string>();
  const cores: number[][] = [];
  for (const c of cpus) {
    let group = [c];
    try {
      group = parseCpuList(readFileSync(`${sys}/cpu${c}/topology/thread_siblings_list`, 'utf8')).filter((x) => cpus.includes(x));
    } catch {
      // No topology: the CPU is its own core.
    }
    const key = group.join(',');
    if (!seen.has(key)) {
      seen.add(key);
      cores.push(group);
    }
  }
  return { cpus, cores };
}

export function planDuet(topology: CpuTopology, threads: number): DuetLayout {
  const need = duetCpusNeeded(threads);
  if (topology.cpus.length < need) {
    return {
      ok: false,
      reason: `--duet needs at least ${need} CPUs (the driver needs its own CPU, A and B ${threads === 1 ? 'one each' : `${threads} each`}, and one is left for the harness); this machine has ${topology.cpus.length}`,
    };
  }
  // Whole cores where there are enough of them: the driver, A and B each on cores of their own.
  const wholeCores = topology.cores.length >= 2 + 2 * Math.ceil(threads / Math.max(1, Math.min(...topology.cores.map((g) => g.length))));
  const units = wholeCores ? topology.cores.map((g) => [...g]) : topology.cpus.map((c) => [c]);
  const take = (n: number): number[] => {
    const got: number[] = [];
    while (got.length < n && units.length) got.push(...units.shift()!);
    return got.slice(0, n);
  };
  // The last units go to the processors and the driver (CPU 0 takes most interrupts: the harness keeps it).
  units.reverse();
  const a_cpus = take(threads);
  const b_cpus = take(threads);
  const driver_cpus = take(1);
  const harness_cpus = units.flat().sort((x, y) => x - y);
  const notes = wholeCores ? [] : ['fewer physical cores than the layout needs: A, B and the driver may share cores with their SMT siblings'];
  if (harness_cpus.length === 0) return { ok: false, reason: `--duet needs a CPU left for the harness after the driver, A and B; this machine has ${topology.cpus.length}` };
  return { ok: true, harness_cpus, driver_cpus, a_cpus: a_cpus.sort((x, y) => x - y), b_cpus: b_cpus.sort((x, y) => x - y), notes };
}
