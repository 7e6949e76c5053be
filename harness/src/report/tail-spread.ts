// How much each processor's p99 moves between repetitions, raw and clean, and what its tail was
// made of: the figures that say whether setting platform stalls aside made the p99 repeatable
// (issue "what the tail is made of"). σ is the sample standard deviation of ln(p99) over the
// repetitions of one scenario × processor; a σ of 0.7 means the p99 typically moves ×2 between
// repetitions, 0.15 about ±15%.
import { measurePhase } from '../compare/metrics.ts';
import { TAIL_CAUSE_NAMES, type RunRecord } from '../results/schema.ts';
import { median, variance } from '../stats/describe.ts';

export interface TailSpreadRow {
  scenario: string;
  processor: string;
  repetitions: number;
  p99_raw_median_us: number | null;
  p99_clean_median_us: number | null;
  sigma_log_p99_raw: number | null;
  sigma_log_p99_clean: number | null;
  /** Requests set aside from the clean figure, share of all measured. */
  set_aside_share: number | null;
  /** Share of each cause among the requests slower than each repetition's p99, pooled. */
  p99_tail_shares: Record<string, number> | null;
  /** Median over repetitions of the measured stall share ÷ the idle arm's. */
  stalls_induced_median: number | null;
}

const sigmaLog = (xs: number[]) => (xs.length >= 2 ? Math.sqrt(variance(xs.map(Math.log))) : null);
const positive = (xs: (number | null | undefined)[]) => xs.filter((x): x is number => typeof x === 'number' && x > 0);

export function tailSpread(run: RunRecord): TailSpreadRow[] {
  const groups = new Map<string, RunRecord['measurements']>();
  for (const m of run.measurements) {
    if (m.status !== 'ok') continue;
    const key = `${m.scenario}\u0000${m.processor}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.entries()].map(([key, ms]) => {
    const [scenario, processor] = key.split('\u0000') as [string, string];
    const raw = positive(ms.map((m) => measurePhase(m)?.corrected.p99_us));
    const clean = positive(ms.map((m) => m.clean?.p99?.value_us));
    const counts: Record<string, number> = {};
    let slow = 0;
    for (const m of ms) {
      if (!m.tail) continue;
      slow += m.tail.p99.slow;
      for (const c of TAIL_CAUSE_NAMES) counts[c] = (counts[c] ?? 0) + (m.tail.p99.counts[c] ?? 0);
    }
    const measured = ms.reduce((s, m) => s + (m.clean?.count ?? 0), 0);
    const setAside = ms.reduce((s, m) => s + (m.clean?.set_aside ?? 0), 0);
    const induced = positive(ms.map((m) => m.platform?.stalls_induced));
    return {
      scenario,
      processor,
      repetitions: ms.length,
      p99_raw_median_us: raw.length ? median(raw) : null,
      p99_clean_median_us: clean.length ? median(clean) : null,
      sigma_log_p99_raw: sigmaLog(raw),
      sigma_log_p99_clean: sigmaLog(clean),
      set_aside_share: measured ? setAside / measured : null,
      p99_tail_shares: slow ? Object.fromEntries(TAIL_CAUSE_NAMES.map((c) => [c, counts[c]! / slow])) : null,
      stalls_induced_median: induced.length ? median(induced) : null,
    };
  });
}

const f2 = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const us = (x: number | null) => (x === null ? '—' : x >= 1000 ? `${(x / 1000).toPrecision(3)} ms` : `${x.toPrecision(3)} µs`);
const pct = (x: number | undefined | null) => (x == null ? '—' : `${Math.round(x * 100)}%`);

export function renderTailSpreadMarkdown(rows: TailSpreadRow[]): string {
  const head = ['scenario', 'processor', 'reps', 'p99 raw', 'p99 clean', 'σ ln p99 raw', 'σ ln p99 clean', 'set aside', 'stalls vs idle', ...TAIL_CAUSE_NAMES];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    lines.push(`| ${[r.scenario, r.processor, r.repetitions, us(r.p99_raw_median_us), us(r.p99_clean_median_us), f2(r.sigma_log_p99_raw), f2(r.sigma_log_p99_clean), r.set_aside_share === null ? '—' : `${(r.set_aside_share * 100).toFixed(2)}%`, r.stalls_induced_median === null ? '—' : `${r.stalls_induced_median.toFixed(2)}×`, ...TAIL_CAUSE_NAMES.map((c) => pct(r.p99_tail_shares?.[c]))].join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
