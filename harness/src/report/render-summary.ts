// The end-of-run summary as text or Markdown: one table per scenario, ratios against the
// baseline, and a line per thing a reader must not miss (driver-limited, failures, errors).
import type { Figure } from '../compare/figure.ts';
import type { RunManifest } from '../results/schema.ts';
import { formatBytes, formatMicros, formatRate, formatRatio, formatSeconds } from './format.ts';
import type { ScenarioSummary, SummaryRow } from './summary.ts';
import { renderMarkdown, renderText, type Table } from './table.ts';

function gcCell(r: SummaryRow): string {
  if (r.collector === null) return '–';
  if (!r.collector) return 'none (no GC)';
  return `${formatMicros(r.gc_pause_total_us)} / ${formatMicros(r.gc_pause_max_us)}`;
}

function label(r: SummaryRow): string {
  return (
    r.processor +
    (r.driver_limited ? ' (driver-limited)' : '') +
    (r.repetitions_failed ? ` (${r.repetitions_failed} failed)` : '') +
    (r.repetitions_incomplete ? ` (${r.repetitions_incomplete} incomplete)` : '')
  );
}

const CAUSE_LABELS: Record<string, string> = {
  platform_processor_cpu: 'stall: proc CPU', platform_driver_cpu: 'stall: driver CPU', runtime_pause: 'STW pause',
  gc_cycle: 'GC cycle', driver_lag: 'sent late', queued: 'queued', unexplained: 'own (unexplained)',
};

const share = (n: number, of: number) => (of > 0 ? `${Math.round((100 * n) / of)}%` : '–');

/** A figure with its interval, "1.20 ms [0.81–1.90 ms]", or the value alone when there is no interval. */
function figureCell(f: Figure, format: (v: number | null) => string): string {
  if (f.value === null) return '–';
  return f.interval.kind === 'interval' ? `${format(f.value)} [${format(f.interval.ci_low)}–${format(f.interval.ci_high)}]` : `${format(f.value)} (n=${f.n})`;
}

/** The processor's own figures and what its tail is made of (schema v2 runs only). */
function tailTable(s: ScenarioSummary): Table | undefined {
  if (!s.rows.some((r) => r.tail_p99 || r.p99_clean_us !== null)) return undefined;
  const b = s.baseline;
  const causes = Object.keys(CAUSE_LABELS);
  return {
    headers: ['processor', 'p99 clean', 'widest rep bounds', 'over reps [95% CI]', 'to precision', `clean ×${b}`, 'set aside', 'stalls ×idle', 'slow (>p99)', ...causes.map((c) => CAUSE_LABELS[c]!)],
    rows: s.rows.map((r) => [
      label(r),
      formatMicros(r.p99_clean_us),
      r.p99_clean_bounds_us ? `${formatMicros(r.p99_clean_bounds_us[0])}–${formatMicros(r.p99_clean_bounds_us[1])}` : '–',
      figureCell(r.figures.p99_clean, formatMicros),
      precisionCell(r),
      formatRatio(r.vs_baseline.p99_clean),
      r.set_aside_share === null ? '–' : `${(100 * r.set_aside_share).toFixed(1)}%`,
      r.stalls_induced === null ? '–' : `${r.stalls_induced.toFixed(2)}×`,
      r.tail_p99 ? String(r.tail_p99.slow) : '–',
      ...causes.map((c) => (r.tail_p99 ? share(r.tail_p99.counts[c as keyof typeof r.tail_p99.counts], r.tail_p99.slow) : '–')),
    ]),
  };
}

/** Per scenario: latency, resources, and (v2) the clean figures with the tail composition, so each fits a terminal. */
function scenarioTables(s: ScenarioSummary): Table[] {
  const b = s.baseline;
  const latency: Table = {
    headers: ['processor', 'p50', 'p99', 'p99.9', `p99 ×${b}`, `p99.9 ×${b}`, 'p99 per rep', 'p99 over reps [95% CI]', 'rate', 'events/s'],
    rows: s.rows.map((r) => [
      label(r),
      formatMicros(r.p50_us),
      formatMicros(r.p99_us),
      formatMicros(r.p999_us),
      formatRatio(r.vs_baseline.p99),
      formatRatio(r.vs_baseline.p999),
      r.p99_range_us ? `${formatMicros(r.p99_range_us[0])}–${formatMicros(r.p99_range_us[1])}` : '–',
      figureCell(r.figures.p99, formatMicros),
      formatRate(r.achieved_rate_per_s, ' req/s'),
      r.events_per_s ? formatRate(r.events_per_s) : '–',
    ]),
  };
  const resources: Table = {
    headers: ['processor', 'capacity', `cap ×${b}`, 'peak RSS', 'steady RSS', `RSS ×${b}`, 'CPU s/M events', 'over reps [95% CI]', 'GC pauses total / max'],
    rows: s.rows.map((r) => [
      label(r),
      r.capacity_events_per_s ? formatRate(r.capacity_events_per_s, ' ev/s') : formatRate(r.capacity_requests_per_s, ' req/s'),
      formatRatio(r.vs_baseline.capacity),
      formatBytes(r.peak_rss_bytes),
      formatBytes(r.steady_rss_bytes),
      formatRatio(r.vs_baseline.steady_rss),
      formatSeconds(r.cpu_s_per_million_events),
      figureCell(r.figures.cpu_per_million_events, formatSeconds),
      gcCell(r),
    ]),
  };
  const tail = tailTable(s);
  return tail ? [latency, resources, tail] : [latency, resources];
}

/** "2/3 ±5%": repetitions that reached the target, of those precision-driven. */
function precisionCell(r: SummaryRow): string {
  const p = r.precision;
  return p ? `${p.reached}/${p.repetitions} ±${p.target_pct}%` : '–';
}

/** Lancet's rule: a phase whose interval stayed wider than the target is not measured to precision, and says so. */
export function precisionWarning(scenario: string, r: SummaryRow): string | undefined {
  const p = r.precision;
  if (!p || p.reached === p.repetitions) return undefined;
  const widest = p.half_width_pct_max === null ? 'at least one had too few samples for an interval' : `widest ±${p.half_width_pct_max.toFixed(1)}%`;
  const after = p.measured_s_median === null ? '' : `, median phase ${p.measured_s_median.toFixed(1)} s`;
  return `${scenario}/${r.processor}: ${p.repetitions - p.reached} of ${p.repetitions} repetitions not measured to precision (clean ${p.of} interval not within ±${p.target_pct}%: ${widest}${after}); read their figures as indicative`;
}

function warnings(summaries: ScenarioSummary[]): string[] {
  const out: string[] = [];
  for (const s of summaries) {
    for (const r of s.rows) {
      const imprecise = precisionWarning(s.scenario, r);
      if (imprecise) out.push(imprecise);
      if (r.driver_limited) out.push(`${s.scenario}/${r.processor}: the driver fell behind its schedule; its latency there is the driver's, not the server's (see harness calibrate)`);
      for (const f of r.failures) out.push(`${s.scenario}/${r.processor} ${f}`);
      if (r.errors > 0) out.push(`${s.scenario}/${r.processor}: ${r.errors} request errors during the measure phase`);
    }
  }
  return out;
}

function header(m: RunManifest): string {
  const p = m.provenance;
  return `run ${m.run_id} (${m.status}) · profile ${m.profile} · ${m.repetitions} repetition(s) · ${p.git_branch}@${p.git_sha.slice(0, 7)}${p.git_dirty ? '+dirty' : ''} · ${p.cpu_model}, ${p.cores} cores${p.pinning.enabled ? `, processor pinned to CPU ${p.pinning.processor_cpus.join(',')}` : ''}${m.order_seed !== undefined ? ` · order seed ${m.order_seed}` : ''}`;
}

const LEGEND =
  'Latency is measured open-loop from each request\'s intended send time (no coordinated omission), merged over repetitions. "p99 per rep" is the spread of per-repetition p99; "over reps [95% CI]" is the figure compare, gate, claims and the dashboard use: the geometric mean over the usable repetitions (ok, not driver-limited) with the t interval on their logs. Ratios are against the baseline processor (below 1× is lower: better latency and memory, worse capacity). "p99 clean" is the processor\'s own p99: the median over repetitions of the p99 without the requests delayed by platform stalls (≥ 500 µs, only the share the idle machine explains) or sent late by the driver; its bounds are the widest per-repetition 95% order-statistic interval. The tail columns give each request slower than its repetition\'s p99 one primary cause. "to precision" counts the repetitions whose precision-driven measure phase brought the clean percentile\'s interval within the target; the others are "not measured to precision".';

export function renderSummaryText(m: RunManifest, summaries: ScenarioSummary[]): string {
  const parts = [header(m), ''];
  for (const s of summaries) parts.push(`▸ ${s.scenario}`, ...scenarioTables(s).flatMap((t) => [renderText(t), '']));
  const w = warnings(summaries);
  if (w.length) parts.push('Warnings:', ...w.map((x) => `  ! ${x}`), '');
  if (m.noise.driver_floor) {
    const f = m.noise.driver_floor;
    parts.push(`Driver floor (trivial native server at ${f.rate_per_s} req/s): p50 ${formatMicros(f.p50_us)}, p99 ${formatMicros(f.p99_us)}, max ${formatMicros(f.max_us)}; differences smaller than this are noise.`);
  }
  parts.push(LEGEND);
  return parts.join('\n');
}

export function renderSummaryMarkdown(m: RunManifest, summaries: ScenarioSummary[]): string {
  const parts = [`## Benchmark run \`${m.run_id}\``, '', header(m), ''];
  for (const s of summaries) parts.push(`### ${s.scenario}`, '', ...scenarioTables(s).flatMap((t) => [renderMarkdown(t), '']));
  const w = warnings(summaries);
  if (w.length) parts.push('**Warnings**', '', ...w.map((x) => `- ${x}`), '');
  parts.push(`_${LEGEND}_`);
  return parts.join('\n');
}
