// The sweep endpoints' answers: the list is built from the sustainable-throughput trend (one
// query in ClickHouse, the same shape from files), so listing never reads every step of every
// sweep; one sweep is its curve views, the shape `report --sweep --format json` prints.
import type { SweepResult } from '../results/sweep-schema.ts';
import type { SustainablePoint } from '../store/sweep-trend.ts';
import { curveViews } from '../sweep/curve-view.ts';
import type { SweepResponse, SweepSummary } from './api-types.ts';

/** Summaries newest first; `points` as sustainableTrend gives them (oldest first). */
export function sweepSummaries(points: readonly SustainablePoint[]): SweepSummary[] {
  const byId = new Map<string, SweepSummary>();
  for (const p of points) {
    let s = byId.get(p.sweep_id);
    if (!s) {
      s = { id: p.sweep_id, started_at: p.started_at, git_sha: p.git_sha, git_branch: p.git_branch, scenarios: [], sustainable: [] };
      byId.set(p.sweep_id, s);
    }
    if (!s.scenarios.includes(p.scenario)) s.scenarios.push(p.scenario);
    s.sustainable.push({
      scenario: p.scenario,
      processor: p.processor,
      rate_per_s: p.rate_per_s,
      events_per_s: p.events_per_s,
      events_per_s_per_core: p.events_per_s_per_core,
      lower_bound: p.lower_bound,
      confirmed: p.confirmed,
    });
  }
  return [...byId.values()].sort((a, b) => b.started_at.localeCompare(a.started_at) || b.id.localeCompare(a.id));
}

export function sweepResponse(result: SweepResult): SweepResponse {
  return {
    sweep: {
      id: result.id,
      status: result.status,
      started_at: result.started_at,
      finished_at: result.finished_at,
      git_sha: result.provenance.git_sha,
      hostname: result.provenance.hostname,
      settings: result.settings,
      notes: result.notes,
      views: curveViews(result),
    },
  };
}
