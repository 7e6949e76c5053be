// Was the step that ended the search a miss without load? The sustainable rate is where the SLO
// first failed; that is a capacity only if the processor was near its limit there. A latency miss
// at a quarter of its budget or less is the latency floor of the machine or the runtime (on this
// VM, platform stalls put every processor's clean p99 over 1 ms at 10–375 req/s), and a bound below
// that floor fails at any rate: the figure then says nothing about the processor's capacity, and no
// claim may be refuted on it.
import type { ProcessorSweep, SweepStep } from '../results/sweep-schema.ts';

/** Below this share of its THREADS budget a processor is not near its limit. */
export const UNLOADED_CPU_SHARE = 0.25;

/**
 * The step at the first unsustainable rate (the lowest rate when none held): the curve or
 * bisection step there, or, when the confirmations refused that rate, one that missed.
 */
export function failedStepOf(p: ProcessorSweep): SweepStep | null {
  const rate = p.sustainable?.first_unsustainable_rate_per_s;
  if (!rate) return null;
  const at = p.steps.filter((s) => s.offered_rate_per_s === rate && s.stage !== 'equal-load');
  return at.find((s) => s.stage === 'curve' || s.stage === 'bisect') ?? at.find((s) => !s.verdict.sustainable) ?? null;
}

/** The processor's CPU at that step as a share of its budget; null when not recorded. */
export function failedAtCpuShare(p: ProcessorSweep): number | null {
  const cpu = failedStepOf(p)?.processor_cpu_utilisation ?? null;
  return cpu === null || !p.sustainable ? null : cpu / Math.max(1, p.sustainable.threads);
}

/** The search ended on a latency miss with the processor under UNLOADED_CPU_SHARE of its budget. */
export function isUnloadedMiss(p: ProcessorSweep): boolean {
  const share = failedAtCpuShare(p);
  return share !== null && share < UNLOADED_CPU_SHARE && (p.sustainable?.next_failed_by.includes('latency') ?? false);
}
