// A sweep as terminal or Markdown tables: per scenario, the sustainable throughput of each
// processor (how to read it, why the rate above failed, the closed-loop ceilings), then each
// processor's curve, one row per step by rate, and what the SLO was.
import { formatBytes, formatMicros, formatRate } from '../report/format.ts';
import { renderMarkdown, renderText, type Table } from '../report/table.ts';
import type { PercentileInterval } from '../results/schema.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import { curveViews, type CurvePoint, type CurveView } from './curve-view.ts';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

function withInterval(p: PercentileInterval | null | undefined): string {
  if (!p) return '–';
  if (p.lo_us === null || p.hi_us === null) return formatMicros(p.value_us);
  return `${formatMicros(p.value_us)} [${formatMicros(p.lo_us)}–${formatMicros(p.hi_us)}]`;
}

const STAGE_MARK: Record<CurvePoint['stage'], string> = { curve: '', bisect: ' (bisect)', confirm: ' (confirm)', 'equal-load': ' (equal load)' };

function verdict(p: CurvePoint): string {
  if (p.sustainable) return p.driver_limited ? 'ok (driver-limited)' : 'ok';
  return `✘ ${p.failed_by.join(', ')}`;
}

export function summaryTable(v: CurveView): Table {
  return {
    headers: ['processor', 'sustainable req/s', 'events/s', 'events/s per core', 'of closed-loop ceiling', 'reading', 'next step failed by', 'native closed loop', 'autocannon (cross-check)'],
    leftAligned: [0, 5, 6, 7, 8],
    rows: v.processors.map((p) => {
      const s = p.sustainable;
      const n = p.native_ceiling;
      const a = p.autocannon;
      return [
        p.processor,
        p.excluded ? 'not swept' : s ? `${s.lower_bound ? '≥ ' : ''}${formatRate(s.rate_per_s, '')}` : '–',
        s ? formatRate(s.events_per_s, '') : '–',
        s ? formatRate(s.events_per_s_per_core, '') : '–',
        pct(s?.ceiling_share ?? null),
        p.excluded ?? s?.wording ?? 'not searched',
        s ? (s.next_failed_by.length ? s.next_failed_by.join(', ') : '–') : '–',
        n ? `${formatRate(n.requests_per_s, ' req/s')} (limit: ${n.limited_by})` : '–',
        a ? `${formatRate(a.requests_per_s, ' req/s')}${a.flags.length ? ' ⚑' : ''}` : '–',
      ];
    }),
  };
}

export function curveTable(p: CurveView['processors'][number]): Table {
  return {
    headers: ['offered/s', 'achieved/s', 'p50', 'p99 [95%]', 'p99.9', 'p99 clean [95%]', 'proc CPU', 'driver CPU', 'RSS', 'p50 trend', 'verdict'],
    leftAligned: [10],
    rows: [...p.points, ...p.equal_load].map((x) => [
      `${formatRate(x.offered_rate_per_s, '')}${STAGE_MARK[x.stage]}`,
      formatRate(x.achieved_rate_per_s, ''),
      formatMicros(x.raw.p50?.value_us),
      withInterval(x.raw.p99),
      formatMicros(x.raw.p999?.value_us),
      withInterval(x.clean?.p99),
      pct(x.processor_cpu_utilisation),
      pct(x.driver_cpu_utilisation),
      formatBytes(x.steady_rss_bytes),
      x.trend_slope_us_per_s === null ? '–' : `${Math.round(x.trend_slope_us_per_s)} µs/s`,
      verdict(x),
    ]),
  };
}

function footnotes(v: CurveView): string[] {
  const out = [`SLO (${v.slo.source}): ${v.slo.lines.map((l) => l.label).join(', ')}; ≥ ${v.slo.min_achieved_share * 100}% of the offered rate answered${v.slo.no_upward_trend ? '; no significant upward trend of the per-second p50' : ''}.`];
  for (const p of v.processors) {
    const s = p.sustainable;
    if (s?.next_reasons.length) out.push(`${p.processor}: ${s.rate_per_s > 0 ? 'the rate above the sustainable one' : 'the lowest rate measured'} failed: ${s.next_reasons.join('; ')}`);
    if (s?.unloaded_miss) out.push(`${p.processor}: ⚠ that step ran the processor at ${pct(s.failed_at_cpu_share)} of its budget: a miss without load is the latency floor of this machine or runtime, not a capacity. A bound below that floor fails at any rate; --slo replaces it.`);
    for (const f of p.autocannon?.flags ?? []) out.push(`${p.processor}: autocannon ⚑ ${f}`);
  }
  return out;
}

function render(result: SweepResult, table: (t: Table) => string, heading: (text: string) => string, bullet: string): string {
  const parts: string[] = [heading(`Sweep ${result.id} (${result.status}; ${result.settings.profile}: ${result.settings.warmup_s} s warmup + ${result.settings.measure_s} s per step, THREADS ${result.provenance.threads})`)];
  for (const v of curveViews(result)) {
    parts.push(heading(`${v.scenario}: sustainable throughput`), table(summaryTable(v)));
    for (const p of v.processors.filter((x) => x.points.length > 0)) parts.push(heading(`${v.scenario} / ${p.processor}: latency against load`), table(curveTable(p)));
    parts.push(footnotes(v).map((l) => `${bullet}${l}`).join('\n'));
  }
  if (result.notes.length) parts.push(result.notes.map((n) => `${bullet}${n}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

export function renderSweepText(result: SweepResult): string {
  return render(result, renderText, (t) => t, '  - ');
}

export function renderSweepMarkdown(result: SweepResult): string {
  return render(result, renderMarkdown, (t) => `### ${t}`, '- ');
}
