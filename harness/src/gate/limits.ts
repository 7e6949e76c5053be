// Parses gate limits such as `p99=+10%,rss=+10%,throughput=-10%,ingest:p99=+5%`. A limit is the
// change the candidate may show in the metric's worse direction before it counts as a regression:
// +10% on a latency (lower is better), −10% on a throughput (higher is better). A sign may be
// omitted; a sign pointing the better way is a mistake and is reported. Every problem is
// reported at once.
import { metricById, metricNames, type MetricId } from '../compare/metrics.ts';

export interface Limit {
  /** null: every scenario. */
  scenario: string | null;
  metric: MetricId;
  /** Allowed change in the worse direction, as a fraction (0.1 = 10%). */
  allowed: number;
  /** The candidate/baseline ratio beyond which a change is a regression (1.1 for +10% p99, 0.9 for −10% throughput). */
  bound: number;
  better: 'lower' | 'higher';
  /** As written, for reports. */
  text: string;
}

export type ParsedLimits = { ok: true; limits: Limit[] } | { ok: false; problems: string[] };

export const DEFAULT_LIMITS = 'p99=+10%,rss=+10%,throughput=-10%';

const ITEM = /^(?:([A-Za-z0-9_.-]+):)?([A-Za-z0-9_.]+)=([+-]?)(\d+(?:\.\d+)?)%$/;

export function parseLimits(spec: string): ParsedLimits {
  const problems: string[] = [];
  const limits: Limit[] = [];
  const items = spec.split(',').map((s) => s.trim());
  if (items.every((s) => s === '')) return { ok: false, problems: ['no limits given (e.g. p99=+10%,rss=+10%,throughput=-10%)'] };
  for (const item of items) {
    if (item === '') {
      problems.push('an empty item between commas');
      continue;
    }
    const m = ITEM.exec(item);
    if (!m) {
      problems.push(`"${item}" does not parse: expected [scenario:]metric=±N% (e.g. p99=+10%, ingest:p99=+5%, throughput=-10%)`);
      continue;
    }
    const [, scenario, name, sign, num] = m;
    const def = metricById(name!);
    if (!def) {
      problems.push(`"${item}": unknown metric "${name}" (known: ${metricNames()})`);
      continue;
    }
    const allowed = Number(num) / 100;
    const worseSign = def.better === 'lower' ? '+' : '-';
    if (sign !== '' && sign !== worseSign) {
      problems.push(`"${item}": ${def.id} is ${def.better}-is-better, so its limit is the allowed ${def.better === 'lower' ? 'increase (+N%)' : 'decrease (-N%)'}`);
      continue;
    }
    if (def.better === 'higher' && allowed >= 1) {
      problems.push(`"${item}": a decrease of 100% or more cannot be exceeded`);
      continue;
    }
    const key = `${scenario ?? '*'}:${def.id}`;
    if (limits.some((l) => `${l.scenario ?? '*'}:${l.metric}` === key)) {
      problems.push(`"${item}": a second limit for ${scenario ? `${scenario}:` : ''}${def.id}`);
      continue;
    }
    limits.push({
      scenario: scenario ?? null,
      metric: def.id,
      allowed,
      bound: def.better === 'lower' ? 1 + allowed : 1 - allowed,
      better: def.better,
      text: item,
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, limits };
}

/** The limit that applies to a metric in a scenario: a scenario's own limit wins over the general one. */
export function limitFor(limits: readonly Limit[], scenario: string, metric: MetricId): Limit | undefined {
  return limits.find((l) => l.scenario === scenario && l.metric === metric) ?? limits.find((l) => l.scenario === null && l.metric === metric);
}
