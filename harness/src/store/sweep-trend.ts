// The trend of sustainable throughput over sweeps: one point per sweep × scenario × processor,
// oldest first, the same shape from files and from ClickHouse (the Trends view draws it).
import type { SweepResult } from '../results/sweep-schema.ts';

export interface SustainableQuery {
  scenario?: string;
  processor?: string;
  /** The newest this many sweeps. */
  last?: number;
}

export interface SustainablePoint {
  sweep_id: string;
  started_at: string;
  git_sha: string;
  git_branch: string;
  scenario: string;
  processor: string;
  rate_per_s: number;
  events_per_s: number;
  events_per_s_per_core: number;
  lower_bound: boolean;
  confirmed: boolean;
  ended: string;
}

export function sustainablePoints(results: readonly SweepResult[], q: SustainableQuery = {}): SustainablePoint[] {
  const out: SustainablePoint[] = [];
  for (const r of [...results].sort((a, b) => a.started_at.localeCompare(b.started_at) || a.id.localeCompare(b.id))) {
    for (const sc of r.scenarios) {
      if (q.scenario !== undefined && sc.scenario !== q.scenario) continue;
      for (const p of sc.processors) {
        if (q.processor !== undefined && p.processor !== q.processor) continue;
        const s = p.sustainable;
        if (!s) continue;
        out.push({
          sweep_id: r.id,
          started_at: r.started_at,
          git_sha: r.provenance.git_sha,
          git_branch: r.provenance.git_branch,
          scenario: sc.scenario,
          processor: p.processor,
          rate_per_s: s.rate_per_s,
          events_per_s: s.events_per_s,
          events_per_s_per_core: s.events_per_s_per_core,
          lower_bound: s.lower_bound,
          confirmed: s.confirmation.confirmed,
          ended: s.ended,
        });
      }
    }
  }
  return out;
}
