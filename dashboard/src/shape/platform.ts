// The figures behind the bands of one repetition, one row per processor: what the stall recorder
// counted on each role's CPUs during the measure phase (its own summary, not a recount of the
// stored list, which stops at 2,000) and the collector's cycles during the load (warmup and measure).
import type { MeasurementView } from '../../../harness/src/serve/api-types.ts';
import { loadSeconds, overlapsLoad } from './bands.ts';

export interface RoleStalls {
  cpus: number[];
  stalls: number;
  /** Time share of the measure phase in stalls; the largest over the role's CPUs. */
  stall_share: number;
  max_stall_us: number;
}

export type PlatformRow = {
  processor: string;
  gc: { cycles: number; total_us: number } | 'no collector' | 'not recorded (v1 run)';
} & (
  | { platform: 'recorded'; processor_cpu: RoleStalls; driver_cpu: RoleStalls; stalls_induced: number | null; scheduling: string; attribution_threshold_us: number }
  | { platform: 'not recorded (v1 run)' | 'the stall recorder did not run' }
);

function role(cpus: NonNullable<MeasurementView['platform']>['cpus'], which: 'processor' | 'driver'): RoleStalls {
  const mine = cpus.filter((c) => c.role === which);
  return {
    cpus: mine.map((c) => c.cpu),
    stalls: mine.reduce((s, c) => s + c.stalls, 0),
    stall_share: mine.reduce((m, c) => Math.max(m, c.stall_share), 0),
    max_stall_us: mine.reduce((m, c) => Math.max(m, c.max_stall_us), 0),
  };
}

function gcOf(m: MeasurementView): PlatformRow['gc'] {
  if (m.runtime && !m.runtime.collector) return 'no collector';
  if (m.gc_cycles === undefined) return 'not recorded (v1 run)';
  const cycles = m.gc_cycles.filter((c) => overlapsLoad(c, loadSeconds(m)));
  return { cycles: cycles.length, total_us: cycles.reduce((s, c) => s + c.duration_us, 0) };
}

export function platformRow(m: MeasurementView): PlatformRow {
  const gc = gcOf(m);
  if (m.platform === undefined) return { processor: m.processor, gc, platform: 'not recorded (v1 run)' };
  if (m.platform === null) return { processor: m.processor, gc, platform: 'the stall recorder did not run' };
  return {
    processor: m.processor,
    gc,
    platform: 'recorded',
    processor_cpu: role(m.platform.cpus, 'processor'),
    driver_cpu: role(m.platform.cpus, 'driver'),
    stalls_induced: m.platform.stalls_induced,
    scheduling: m.platform.scheduling,
    attribution_threshold_us: m.platform.attribution_threshold_us,
  };
}
