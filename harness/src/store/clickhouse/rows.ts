// A run as table rows and back. Everything a RunRecord holds lands in a column (or, for the few
// free-form objects, a JSON column), so getRun rebuilds the exact record. Pure functions: the
// round trip is tested without a server, and the contract suite proves it through one.
import {
  RunManifest as RunManifestSchema,
  type Capacity,
  type Interval,
  type MachineProvenance,
  type Measurement,
  type PhaseResult,
  type RunManifest,
  type RunRecord,
} from '../../results/schema.ts';

export type Row = Record<string, unknown>;

/** The columns every sweep and trade-offs row repeats from its result: which version, when, where. */
export function resultHeaderColumns(r: { schema_version: number; status: string; started_at: string; provenance: MachineProvenance }): Row {
  return {
    schema_version: r.schema_version,
    status: r.status,
    started_at: r.started_at,
    started_ms: Date.parse(r.started_at),
    git_sha: r.provenance.git_sha,
    git_branch: r.provenance.git_branch,
    hostname: r.provenance.hostname,
    cores: r.provenance.cores,
  };
}

export interface RunRows {
  runs: Row[];
  measurements: Row[];
  capacity: Row[];
  intervals: Row[];
  resource_samples: Row[];
  runtime_pauses: Row[];
  measurement_details: Row[];
}

export const CHILD_TABLES = ['measurements', 'capacity', 'intervals', 'resource_samples', 'runtime_pauses', 'measurement_details'] as const;

/** The measurement fields kept in measurement_details.details_json (added after the first layout). */
const DETAIL_FIELDS = ['conservation', 'raw_intervals', 'platform', 'tail', 'clean', 'gc_cycles', 'precision'] as const;
const RESOURCES_EXTRA = 'resources_extra';

export function manifestRow(m: RunManifest, version: number): Row {
  return {
    run_id: m.run_id,
    schema_version: m.schema_version,
    status: m.status,
    started_at: m.started_at,
    started_ms: Date.parse(m.started_at),
    finished_at: m.finished_at,
    profile: m.profile,
    baseline: m.baseline,
    scenarios: m.scenarios,
    processors: m.processors.map((p) => p.name),
    repetitions: m.repetitions,
    git_sha: m.provenance.git_sha,
    git_branch: m.provenance.git_branch,
    git_dirty: m.provenance.git_dirty ? 1 : 0,
    harness_version: m.provenance.harness_version,
    hostname: m.provenance.hostname,
    os: m.provenance.os,
    kernel: m.provenance.kernel,
    cpu_model: m.provenance.cpu_model,
    cores: m.provenance.cores,
    manifest_json: JSON.stringify(m),
    version,
  };
}

const keyOf = (m: Measurement) => ({ run_id: m.run_id, agent: m.agent, scenario: m.scenario, processor: m.processor, repetition: m.repetition });

function phaseColumns(p: PhaseResult | undefined): Row {
  const c = p?.corrected;
  const u = p?.uncorrected;
  return {
    duration_s: p?.duration_s ?? 0,
    target_rate_per_s: p?.target_rate_per_s ?? 0,
    achieved_rate_per_s: p?.achieved_rate_per_s ?? 0,
    requests: p?.requests ?? 0,
    responses_ok: p?.responses_ok ?? 0,
    errors_http_4xx: p?.errors.http_4xx ?? 0,
    errors_http_5xx: p?.errors.http_5xx ?? 0,
    errors_connect: p?.errors.connect ?? 0,
    errors_timeout: p?.errors.timeout ?? 0,
    errors_reset: p?.errors.reset ?? 0,
    errors_parse: p?.errors.parse ?? 0,
    events_per_s: p?.events_per_s ?? 0,
    count: c?.count ?? 0, min_us: c?.min_us ?? 0, mean_us: c?.mean_us ?? 0, p50_us: c?.p50_us ?? 0, p90_us: c?.p90_us ?? 0,
    p99_us: c?.p99_us ?? 0, p999_us: c?.p999_us ?? 0, p9999_us: c?.p9999_us ?? 0, max_us: c?.max_us ?? 0,
    uncorrected_count: u?.count ?? 0, uncorrected_min_us: u?.min_us ?? 0, uncorrected_mean_us: u?.mean_us ?? 0,
    uncorrected_p50_us: u?.p50_us ?? 0, uncorrected_p90_us: u?.p90_us ?? 0, uncorrected_p99_us: u?.p99_us ?? 0,
    uncorrected_p999_us: u?.p999_us ?? 0, uncorrected_p9999_us: u?.p9999_us ?? 0, uncorrected_max_us: u?.max_us ?? 0,
    corrected_hdr: p?.corrected_hdr ?? '',
    uncorrected_hdr: p?.uncorrected_hdr ?? '',
  };
}

export function measurementRows(m: Measurement, version: number): Pick<RunRows, 'measurements' | 'intervals' | 'resource_samples' | 'runtime_pauses' | 'measurement_details'> {
  const key = keyOf(m);
  const r = m.resources;
  const rt = m.runtime;
  const d = m.driver;
  const shared: Row = {
    ...key,
    schema_version: m.schema_version,
    status: m.status,
    failure_json: JSON.stringify(m.failure),
    started_at: m.started_at,
    finished_at: m.finished_at,
    started_ms: Date.parse(m.started_at),
    schedule_json: JSON.stringify(m.schedule),
    connections: m.connections,
    events_per_request: m.events_per_request,
    has_resources: r ? 1 : 0,
    idle_rss_bytes: r?.idle_rss_bytes ?? 0,
    peak_rss_bytes: r?.peak_rss_bytes ?? 0,
    steady_rss_bytes: r?.steady_rss_bytes ?? 0,
    cpu_s: r?.cpu_s ?? 0,
    cpu_s_per_million_events: r?.cpu_s_per_million_events ?? null,
    cpu_utilisation: r?.cpu_utilisation ?? 0,
    has_runtime: rt ? 1 : 0,
    gc_collector: rt?.collector ? 1 : 0,
    gc_count: rt?.gc_count ?? 0,
    pause_total_us: rt?.pause_total_us ?? 0,
    pause_max_us: rt?.pause_max_us ?? 0,
    heap_bytes_max: rt?.heap_bytes_max ?? null,
    runtime_extra_json: JSON.stringify(rt?.extra ?? {}),
    pause_attribution_json: JSON.stringify(m.pause_attribution),
    has_driver: d ? 1 : 0,
    driver_limited: d?.driver_limited ? 1 : 0,
    driver_reasons: d?.reasons ?? [],
    schedule_lag_p50_us: d?.schedule_lag_p50_us ?? 0,
    schedule_lag_p99_us: d?.schedule_lag_p99_us ?? 0,
    schedule_lag_max_us: d?.schedule_lag_max_us ?? 0,
    driver_cpu_utilisation: d?.cpu_utilisation ?? 0,
    version,
  };
  // A measurement that recorded no phase (failed early) still needs its row: phase ''.
  const phases: (PhaseResult | undefined)[] = m.phases.length ? m.phases : [undefined];
  return {
    measurements: phases.map((p, i) => ({ ...shared, phase: p?.phase ?? '', phase_index: i, ...phaseColumns(p) })),
    intervals: m.intervals.map((iv, seq) => ({ ...key, seq, ...iv, version })),
    resource_samples: (r?.samples ?? []).map((s, seq) => ({ ...key, seq, ...s, version })),
    runtime_pauses: (rt?.pauses ?? []).map((p, seq) => ({ ...key, seq, ...p, version })),
    measurement_details: detailsRow(m, key, version),
  };
}

export function capacityRow(c: Capacity, version: number): Row {
  return {
    run_id: c.run_id, scenario: c.scenario, processor: c.processor, schema_version: c.schema_version, status: c.status,
    failure_json: JSON.stringify(c.failure), tool: c.tool, connections: c.connections, duration_s: c.duration_s,
    requests_per_s: c.requests_per_s, events_per_s: c.events_per_s, errors: c.errors, cpu_utilisation: c.cpu_utilisation, version,
  };
}

/** Absent fields stay absent (a measurement written before they existed reads back the same). */
function detailsRow(m: Measurement, key: Row, version: number): Row[] {
  const details: Record<string, unknown> = Object.fromEntries(DETAIL_FIELDS.filter((f) => m[f] !== undefined).map((f) => [f, m[f]]));
  // Resource fields added after the resource columns: kept with the details, put back on read.
  const extra = m.resources && { ...(m.resources.cpu_source !== undefined && { cpu_source: m.resources.cpu_source }), ...(m.resources.instructions !== undefined && { instructions: m.resources.instructions }) };
  if (extra && Object.keys(extra).length) details[RESOURCES_EXTRA] = extra;
  return Object.keys(details).length ? [{ ...key, details_json: JSON.stringify(details), version }] : [];
}

export function runRows(run: RunRecord, version: number): RunRows {
  const out: RunRows = { runs: [manifestRow(run.manifest, version)], measurements: [], capacity: [], intervals: [], resource_samples: [], runtime_pauses: [], measurement_details: [] };
  for (const m of run.measurements) {
    const rows = measurementRows(m, version);
    out.measurements.push(...rows.measurements);
    out.intervals.push(...rows.intervals);
    out.resource_samples.push(...rows.resource_samples);
    out.runtime_pauses.push(...rows.runtime_pauses);
    out.measurement_details.push(...rows.measurement_details);
  }
  for (const c of run.capacity) out.capacity.push(capacityRow(c, version));
  return out;
}

// ---- back from rows -------------------------------------------------------------------------
// ClickHouse's JSON output quotes 64-bit integers: every numeric column goes through Number().

const n = (v: unknown): number => Number(v);
const s = (v: unknown): string => String(v);
const b = (v: unknown): boolean => Number(v) === 1;
const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function measurementKey(r: Row): string {
  return JSON.stringify([r.scenario, r.processor, n(r.repetition), r.agent]);
}

function groupBy(rows: Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = measurementKey(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  for (const list of out.values()) list.sort((a, c) => n(a.phase_index) - n(c.phase_index));
  return out;
}

function phaseFromRow(r: Row): PhaseResult {
  return {
    phase: s(r.phase) as PhaseResult['phase'],
    duration_s: n(r.duration_s),
    target_rate_per_s: n(r.target_rate_per_s),
    achieved_rate_per_s: n(r.achieved_rate_per_s),
    requests: n(r.requests),
    responses_ok: n(r.responses_ok),
    errors: {
      http_4xx: n(r.errors_http_4xx), http_5xx: n(r.errors_http_5xx), connect: n(r.errors_connect),
      timeout: n(r.errors_timeout), reset: n(r.errors_reset), parse: n(r.errors_parse),
    },
    events_per_s: n(r.events_per_s),
    corrected: {
      count: n(r.count), min_us: n(r.min_us), mean_us: n(r.mean_us), p50_us: n(r.p50_us), p90_us: n(r.p90_us),
      p99_us: n(r.p99_us), p999_us: n(r.p999_us), p9999_us: n(r.p9999_us), max_us: n(r.max_us),
    },
    uncorrected: {
      count: n(r.uncorrected_count), min_us: n(r.uncorrected_min_us), mean_us: n(r.uncorrected_mean_us),
      p50_us: n(r.uncorrected_p50_us), p90_us: n(r.uncorrected_p90_us), p99_us: n(r.uncorrected_p99_us),
      p999_us: n(r.uncorrected_p999_us), p9999_us: n(r.uncorrected_p9999_us), max_us: n(r.uncorrected_max_us),
    },
    corrected_hdr: s(r.corrected_hdr),
    uncorrected_hdr: s(r.uncorrected_hdr),
  };
}

/** One measurement's rows of a series table: `columns` holds one array per SERIES_TABLE_COLUMNS entry, aligned. */
export interface GroupedRow {
  scenario: string;
  processor: string;
  repetition: number | string;
  agent: string;
  columns: unknown[][];
}

/** A run as read back: plain rows for runs/measurements/capacity, grouped rows for the series tables. */
export interface StoredRows {
  runs: Row[];
  measurements: Row[];
  capacity: Row[];
  intervals: GroupedRow[];
  resource_samples: GroupedRow[];
  runtime_pauses: GroupedRow[];
  measurement_details: Row[];
}

/** Groups per-row series rows the way runTableSql does on the server (for tests and tools). */
export function groupSeriesRows(rows: Row[], columns: readonly string[]): GroupedRow[] {
  const out = new Map<string, GroupedRow>();
  for (const r of rows) {
    const k = measurementKey(r);
    const g = out.get(k) ?? { scenario: s(r.scenario), processor: s(r.processor), repetition: n(r.repetition), agent: s(r.agent), columns: columns.map(() => []) };
    columns.forEach((c, i) => g.columns[i]!.push(r[c]));
    out.set(k, g);
  }
  return [...out.values()];
}

/**
 * A grouped row's columns and the item order by `seq` (the first column): groupArray keeps no
 * order of its own, though it mostly arrives sorted, which is checked in one pass.
 */
function itemsOf(g: GroupedRow | undefined): { cols: unknown[][]; order: number[] } {
  if (!g) return { cols: [], order: [] };
  const seq = (g.columns[0] ?? []).map(n);
  const order = seq.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < seq.length && sorted; i++) sorted = seq[i - 1]! <= seq[i]!;
  if (!sorted) order.sort((a, b) => seq[a]! - seq[b]!);
  return { cols: g.columns, order };
}

/**
 * Rebuilds a run from its rows. The manifest is validated; measurements are not parsed again with zod
 * (they were validated on the way in, and the round-trip tests pin the mapping): that keeps a
 * full-profile getRun fast.
 */
export function recordFromRows(rows: StoredRows): RunRecord | undefined {
  const runRow = rows.runs[0];
  if (!runRow) return undefined;
  const manifest = RunManifestSchema.parse(JSON.parse(s(runRow.manifest_json)));
  const byKey = (gs: GroupedRow[]) => new Map(gs.map((g) => [measurementKey(g as unknown as Row), g]));
  const intervals = byKey(rows.intervals);
  const samples = byKey(rows.resource_samples);
  const pauses = byKey(rows.runtime_pauses);
  const details = new Map(rows.measurement_details.map((d) => [measurementKey(d), JSON.parse(s(d.details_json)) as Record<string, unknown>]));
  const measurements: Measurement[] = [];
  for (const [k, phaseRows] of groupBy(rows.measurements)) {
    const r = phaseRows[0]!;
    const { [RESOURCES_EXTRA]: resourcesExtra, ...detail } = details.get(k) ?? {};
    const m = {
      schema_version: n(r.schema_version),
      run_id: s(r.run_id),
      agent: s(r.agent),
      scenario: s(r.scenario),
      processor: s(r.processor),
      repetition: n(r.repetition),
      status: s(r.status),
      failure: JSON.parse(s(r.failure_json)),
      started_at: s(r.started_at),
      finished_at: s(r.finished_at),
      schedule: JSON.parse(s(r.schedule_json)),
      connections: n(r.connections),
      events_per_request: n(r.events_per_request),
      phases: phaseRows.filter((p) => s(p.phase) !== '').map(phaseFromRow),
      // Column positions follow SERIES_TABLE_COLUMNS: [seq, t_s, phase, requests, errors, p50_us, p99_us, max_us, corrected_hdr].
      intervals: ((g) => g.order.map((i): Interval => ({
        t_s: n(g.cols[1]![i]), phase: s(g.cols[2]![i]) as Interval['phase'], requests: n(g.cols[3]![i]), errors: n(g.cols[4]![i]),
        p50_us: n(g.cols[5]![i]), p99_us: n(g.cols[6]![i]), max_us: n(g.cols[7]![i]), corrected_hdr: s(g.cols[8]![i]),
      })))(itemsOf(intervals.get(k))),
      resources: b(r.has_resources)
        ? {
            idle_rss_bytes: n(r.idle_rss_bytes), peak_rss_bytes: n(r.peak_rss_bytes), steady_rss_bytes: n(r.steady_rss_bytes),
            cpu_s: n(r.cpu_s), cpu_s_per_million_events: nn(r.cpu_s_per_million_events), cpu_utilisation: n(r.cpu_utilisation),
            // [seq, t_s, rss_bytes, cpu_s]
            samples: ((g) => g.order.map((i) => ({ t_s: n(g.cols[1]![i]), rss_bytes: n(g.cols[2]![i]), cpu_s: n(g.cols[3]![i]) })))(itemsOf(samples.get(k))),
            ...(resourcesExtra as object | undefined),
          }
        : null,
      runtime: b(r.has_runtime)
        ? {
            collector: b(r.gc_collector), gc_count: n(r.gc_count), pause_total_us: n(r.pause_total_us), pause_max_us: n(r.pause_max_us),
            heap_bytes_max: nn(r.heap_bytes_max),
            // [seq, start_s, duration_us, kind]
            pauses: ((g) => g.order.map((i) => ({ start_s: n(g.cols[1]![i]), duration_us: n(g.cols[2]![i]), kind: s(g.cols[3]![i]) })))(itemsOf(pauses.get(k))),
            extra: JSON.parse(s(r.runtime_extra_json)),
          }
        : null,
      pause_attribution: JSON.parse(s(r.pause_attribution_json)),
      ...detail,
      driver: b(r.has_driver)
        ? {
            driver_limited: b(r.driver_limited), reasons: (r.driver_reasons as unknown[]).map(s),
            schedule_lag_p50_us: n(r.schedule_lag_p50_us), schedule_lag_p99_us: n(r.schedule_lag_p99_us),
            schedule_lag_max_us: n(r.schedule_lag_max_us), cpu_utilisation: n(r.driver_cpu_utilisation),
          }
        : null,
    };
    measurements.push(m as Measurement);
  }
  const capacity = rows.capacity.map(
    (r): Capacity => ({
      schema_version: n(r.schema_version), run_id: s(r.run_id), scenario: s(r.scenario), processor: s(r.processor),
      status: s(r.status), failure: JSON.parse(s(r.failure_json)), tool: s(r.tool), connections: n(r.connections),
      duration_s: n(r.duration_s), requests_per_s: n(r.requests_per_s), events_per_s: n(r.events_per_s),
      errors: n(r.errors), cpu_utilisation: n(r.cpu_utilisation),
    }) as Capacity,
  );
  return { manifest, measurements, capacity };
}
