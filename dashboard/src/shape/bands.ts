// Platform stalls and GC cycles of one repetition as bands on the latency-over-time axis (seconds
// from the start of warmup, the axis the driver, the stall recorder and the sampler share). One
// lane per processor and kind: stalls on the processor's CPUs, stalls on the driver's CPUs (each
// processor's measurement has its own, so lanes are per processor), and one per GC kind (Go's
// cycles, Node's scavenges and mark-sweeps). Bands closer together than the chart can tell apart
// are merged, so a measurement with the stored maximum of 2,000 stalls still draws a few hundred
// rectangles; a merged band keeps how many it holds, for the hover text.
import type { MeasurementView } from '../../../harness/src/serve/api-types.ts';

export type BandKind = 'stall_processor_cpu' | 'stall_driver_cpu' | 'gc';

export const BAND_KINDS: Record<BandKind, string> = {
  stall_processor_cpu: "stalls on the processor's CPU",
  stall_driver_cpu: "stalls on the driver's CPU",
  gc: 'GC cycles',
};

export interface Band {
  start_s: number;
  end_s: number;
  /** Stalls or cycles merged into this band. */
  count: number;
  /** Their summed length (not the band's span: merged neighbours leave gaps). */
  total_us: number;
  max_us: number;
}

export interface BandLane {
  id: string;
  processor: string;
  kind: BandKind;
  /** Short, for the lane's label: "proc CPU 1", "driver CPU 0", "GC major". */
  label: string;
  /** Long, for the hover text: "stalls on CPU 1 (the processor's)". */
  what: string;
  bands: Band[];
  /** Stalls or cycles before merging. */
  raw_count: number;
}

/** Why a processor has no lane of a kind: shown in the chart's note instead of an empty lane. */
export interface LaneGap {
  processor: string;
  kind: BandKind;
  reason: string;
}

export interface BandLanes {
  lanes: BandLane[];
  gaps: LaneGap[];
}

export interface Span {
  start_s: number;
  duration_us: number;
}

/** Merges spans (any order) whose gap is below `resolution_s` into bands. */
export function mergeBands(spans: readonly Span[], resolution_s: number): Band[] {
  const sorted = [...spans].sort((a, b) => a.start_s - b.start_s);
  const out: Band[] = [];
  for (const s of sorted) {
    const end_s = s.start_s + s.duration_us / 1e6;
    const last = out.at(-1);
    if (last && s.start_s - last.end_s < resolution_s) {
      last.end_s = Math.max(last.end_s, end_s);
      last.count++;
      last.total_us += s.duration_us;
      last.max_us = Math.max(last.max_us, s.duration_us);
    } else {
      out.push({ start_s: s.start_s, end_s, count: 1, total_us: s.duration_us, max_us: s.duration_us });
    }
  }
  return out;
}

const cpuList = (cpus: readonly number[]) => `CPU ${cpus.join(',')}`;

/**
 * Whether a span overlaps the load, [0, load_s] from the start of warmup. The collector also runs
 * while the processor starts and preloads, before the driver's t0: those cycles delayed no request.
 */
export const overlapsLoad = (s: Span, load_s: number) => s.start_s + s.duration_us / 1e6 > 0 && s.start_s < load_s;

/** Warmup plus measure: how long the driver loaded this measurement's processor. */
export const loadSeconds = (m: MeasurementView) => m.phases.reduce((s, p) => s + p.duration_s, 0);

function stallLanes(m: MeasurementView, resolution_s: number): { lanes: BandLane[]; gaps: LaneGap[] } {
  const gap = (kind: BandKind, reason: string): LaneGap => ({ processor: m.processor, kind, reason });
  if (m.platform === undefined) {
    return { lanes: [], gaps: [gap('stall_processor_cpu', 'not recorded (v1 run)'), gap('stall_driver_cpu', 'not recorded (v1 run)')] };
  }
  if (m.platform === null) {
    return { lanes: [], gaps: [gap('stall_processor_cpu', 'the stall recorder did not run'), gap('stall_driver_cpu', 'the stall recorder did not run')] };
  }
  const platform = m.platform;
  // Unpinned, every CPU has both roles, so a stall lands in both lanes (as the attribution counts it).
  const lane = (kind: BandKind, role: 'processor' | 'driver'): BandLane => {
    const cpus = platform.cpus.filter((c) => c.role === role).map((c) => c.cpu);
    const mine = platform.stalls.filter((s) => cpus.includes(s.cpu));
    return {
      id: `${m.processor}/${kind}`,
      processor: m.processor,
      kind,
      label: `${role === 'processor' ? 'proc' : 'driver'} ${cpuList(cpus)}`,
      what: `stalls ≥ ${platform.attribution_threshold_us} µs on ${cpuList(cpus)} (the ${role}'s)`,
      bands: mergeBands(mine, resolution_s),
      raw_count: mine.length,
    };
  };
  return { lanes: [lane('stall_processor_cpu', 'processor'), lane('stall_driver_cpu', 'driver')], gaps: [] };
}

function gcLanes(m: MeasurementView, resolution_s: number): { lanes: BandLane[]; gaps: LaneGap[] } {
  const gap = (reason: string): LaneGap => ({ processor: m.processor, kind: 'gc', reason });
  if (m.runtime && !m.runtime.collector) return { lanes: [], gaps: [gap('no collector')] };
  if (m.gc_cycles === undefined) return { lanes: [], gaps: [gap('not recorded (v1 run)')] };
  const cycles = m.gc_cycles.filter((c) => overlapsLoad(c, loadSeconds(m)));
  if (cycles.length === 0) return { lanes: [], gaps: [gap('none during the load')] };
  const kinds = [...new Set(cycles.map((c) => c.kind))];
  return {
    lanes: kinds.map((kind) => {
      const mine = cycles.filter((c) => c.kind === kind);
      return {
        id: `${m.processor}/gc/${kind}`,
        processor: m.processor,
        kind: 'gc',
        label: `GC ${kind}`,
        what: `GC cycles (${kind})`,
        bands: mergeBands(mine, resolution_s),
        raw_count: mine.length,
      };
    }),
    gaps: [],
  };
}

/** How many distinct band positions a chart's width can show; finer detail is merged. */
export const BAND_RESOLUTION_STEPS = 1000;

/** Lanes for the measurements of one repetition (in the order given), over an axis `span_s` long. */
export function bandLanes(ms: readonly MeasurementView[], span_s: number, steps = BAND_RESOLUTION_STEPS): BandLanes {
  const resolution_s = span_s > 0 ? span_s / steps : 0;
  const lanes: BandLane[] = [];
  const gaps: LaneGap[] = [];
  for (const m of ms) {
    for (const part of [stallLanes(m, resolution_s), gcLanes(m, resolution_s)]) {
      lanes.push(...part.lanes);
      gaps.push(...part.gaps);
    }
  }
  return { lanes, gaps };
}

/** Stalls and cycles per kind over the lanes (before merging), for the legend. */
export function bandCounts(lanes: readonly BandLane[]): Record<BandKind, number> {
  const counts: Record<BandKind, number> = { stall_processor_cpu: 0, stall_driver_cpu: 0, gc: 0 };
  for (const l of lanes) counts[l.kind] += l.raw_count;
  return counts;
}

/** One line per kind and reason ("not recorded (v1 run)" for every processor of an old run), not one per missing lane. */
export function gapNotes(gaps: readonly LaneGap[]): string[] {
  const what = (g: LaneGap) => (g.kind === 'gc' ? 'GC cycles' : 'platform stalls');
  const groups = new Map<string, { what: string; reason: string; processors: Set<string> }>();
  for (const g of gaps) {
    const key = `${what(g)}\n${g.reason}`;
    const group = groups.get(key) ?? { what: what(g), reason: g.reason, processors: new Set<string>() };
    group.processors.add(g.processor);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${g.what} of ${[...g.processors].join(', ')}: ${g.reason}`);
}
