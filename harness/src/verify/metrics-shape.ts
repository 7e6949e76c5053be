// Conformance of GET /metrics to the spec (processors/README.md, "GET /metrics"). Its values
// depend on the runtime, so no golden vector can pin them; what every implementation must get
// right is the shape: field names and order, integer nanosecond times, pauses and cycles in
// order, phases inside their cycle, and nothing collected where there is no collector.
//
// JSON numbers beyond 2^53 (every Unix nanosecond time) reach JavaScript rounded to 256 ns, so
// times are compared with TIME_SLACK_NS of play; that they were written as integers is checked
// on the raw text.
import { z } from 'zod';
import { HttpClient } from './http-client.ts';

const TIME_SLACK_NS = 1000;

// Not z.number().int(): that also demands a safe integer, and Unix nanoseconds are beyond 2^53.
const count = z.number().nonnegative().refine(Number.isInteger, 'expected an integer');

const Phase = z.object({ name: z.string().min(1), stw: z.boolean(), start_unix_ns: count, end_unix_ns: count }).strict();

const CpuParts = z.object({ assist_ns: count, background_ns: count, idle_ns: count, pause_ns: count }).strict();

const Cycle = z
  .object({
    start_unix_ns: count,
    end_unix_ns: count,
    kind: z.enum(['minor', 'major']),
    stw_ns: count,
    cpu_ns: count.nullable(),
    phases: z.array(Phase).min(1),
    cpu_parts: CpuParts.optional(),
  })
  .strict();

const Pause = z.object({ end_unix_ns: count, duration_ns: count, kind: z.string().min(1) }).strict();

const Gc = z
  .object({
    collector: z.boolean(),
    count,
    pause_total_ns: count,
    pauses: z.array(Pause).max(256),
    cycles: z.array(Cycle).max(256),
    cycles_until_unix_ns: count.nullable(),
    cycle_in_progress: z.object({ start_unix_ns: count, kind: z.enum(['minor', 'major']) }).strict().nullable(),
  })
  .strict();

export const SpecMetrics = z
  .object({
    impl: z.string().min(1),
    runtime: z.string().min(1),
    uptime_s: z.number().nonnegative(),
    heap_bytes: count.nullable(),
    gc: Gc,
    extra: z.record(z.string(), z.unknown()),
  })
  .strict();
type SpecMetrics = z.infer<typeof SpecMetrics>;

const TOP_ORDER = Object.keys(SpecMetrics.shape);
const GC_ORDER = Object.keys(Gc.shape);

/** Every way the body breaks the spec; empty when it conforms. */
export function metricsProblems(text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return [`not JSON: ${(err as Error).message}`];
  }
  const parsed = SpecMetrics.safeParse(body);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.length ? `$.${i.path.join('.')}` : '$'}: ${i.message}`);
  return [...integerProblems(text), ...orderProblems(body as Record<string, unknown>), ...meaningProblems(parsed.data)];
}

function integerProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/"([a-z_]+_ns|count|heap_bytes)":\s*(-?[0-9][0-9.eE+-]*)/g)) {
    if (!/^-?\d+$/.test(m[2]!)) problems.push(`${m[1]} is written ${m[2]}: integers only`);
  }
  return problems;
}

function orderProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((k, i) => k === b[i]);
  if (!same(Object.keys(body), TOP_ORDER)) problems.push(`fields in the order ${TOP_ORDER.join(', ')}; got ${Object.keys(body).join(', ')}`);
  const gc = body.gc as Record<string, unknown>;
  if (!same(Object.keys(gc), GC_ORDER)) problems.push(`gc fields in the order ${GC_ORDER.join(', ')}; got ${Object.keys(gc).join(', ')}`);
  return problems;
}

function meaningProblems(m: SpecMetrics): string[] {
  const problems: string[] = [];
  const { gc } = m;
  const before = (a: number, b: number) => a <= b + TIME_SLACK_NS;
  if (!gc.collector) {
    if (gc.count !== 0 || gc.pauses.length > 0 || gc.cycles.length > 0) problems.push('gc: no collector, yet a count, pauses or cycles');
    if (gc.cycles_until_unix_ns !== null || gc.cycle_in_progress !== null) problems.push('gc: no collector, so cycles_until_unix_ns and cycle_in_progress are null');
  }
  gc.pauses.forEach((p, i) => {
    if (i > 0 && !before(gc.pauses[i - 1]!.end_unix_ns, p.end_unix_ns)) problems.push(`gc.pauses[${i}] ends before the pause listed ahead of it`);
  });
  gc.cycles.forEach((c, i) => {
    const at = `gc.cycles[${i}]`;
    if (!before(c.start_unix_ns, c.end_unix_ns)) problems.push(`${at} ends before it starts`);
    if (i > 0 && !before(gc.cycles[i - 1]!.end_unix_ns, c.end_unix_ns)) problems.push(`${at} ends before the cycle listed ahead of it`);
    if (gc.cycles_until_unix_ns !== null && !before(c.end_unix_ns, gc.cycles_until_unix_ns)) problems.push(`${at} ends after cycles_until_unix_ns`);
    let stw = 0;
    c.phases.forEach((p, j) => {
      const ph = `${at}.phases[${j}] (${p.name})`;
      if (!before(p.start_unix_ns, p.end_unix_ns)) problems.push(`${ph} ends before it starts`);
      if (!before(c.start_unix_ns, p.start_unix_ns) || !before(p.end_unix_ns, c.end_unix_ns)) problems.push(`${ph} lies outside its cycle`);
      if (j > 0 && !before(c.phases[j - 1]!.end_unix_ns, p.start_unix_ns)) problems.push(`${ph} starts before the phase ahead of it ends`);
      if (p.stw) stw += p.end_unix_ns - p.start_unix_ns;
    });
    if (Math.abs(stw - c.stw_ns) > TIME_SLACK_NS * c.phases.length) problems.push(`${at}.stw_ns is ${c.stw_ns}, its stw phases add up to ${stw}`);
    const parts = c.cpu_parts;
    if (parts && c.cpu_ns !== parts.assist_ns + parts.background_ns + parts.idle_ns + parts.pause_ns) problems.push(`${at}.cpu_ns is not the sum of its cpu_parts`);
  });
  if (gc.cycle_in_progress && gc.cycles_until_unix_ns !== null && !before(gc.cycle_in_progress.start_unix_ns, gc.cycles_until_unix_ns)) {
    problems.push('gc.cycle_in_progress starts after cycles_until_unix_ns');
  }
  return problems;
}

export interface MetricsFailure {
  processor: string;
  problems: string[];
}

/** GETs /metrics once and checks it; undefined when it conforms. */
export async function checkMetrics(processor: string, baseUrl: string): Promise<MetricsFailure | undefined> {
  const client = new HttpClient(baseUrl);
  try {
    const res = await client.send({ method: 'GET', path: '/metrics' });
    const problems = res.status === 200 ? metricsProblems(res.body.toString('utf8')) : [`GET /metrics answered ${res.status}`];
    return problems.length ? { processor, problems } : undefined;
  } catch (err) {
    return { processor, problems: [(err as Error).message] };
  } finally {
    client.close();
  }
}
