// The run-level rules both stores share: what a RunSummary holds, which runs a RunFilter keeps, and
// the newest-first order. One definition, so the file store and ClickHouse answer alike.
import { effectiveStatus } from '../results/liveness.ts';
import type { RunManifest } from '../results/schema.ts';
import type { RunFilter, RunSummary } from './types.ts';

export const DEFAULT_LIST_LIMIT = 100;

export function summarize(m: RunManifest): RunSummary {
  return {
    run_id: m.run_id,
    started_at: m.started_at,
    status: effectiveStatus(m),
    profile: m.profile,
    git_sha: m.provenance.git_sha,
    git_branch: m.provenance.git_branch,
    git_dirty: m.provenance.git_dirty,
    scenarios: [...m.scenarios],
    processors: m.processors.map((p) => p.name),
  };
}

/** Milliseconds since the epoch of an ISO time; NaN-safe callers validate first (zod does). */
export const timeMs = (iso: string): number => Date.parse(iso);

export function matchesFilter(s: RunSummary, f: RunFilter = {}): boolean {
  if (f.branch !== undefined && s.git_branch !== f.branch) return false;
  if (f.scenario !== undefined && !s.scenarios.includes(f.scenario)) return false;
  if (f.processor !== undefined && !s.processors.includes(f.processor)) return false;
  if (f.status !== undefined && s.status !== f.status) return false;
  const t = timeMs(s.started_at);
  if (f.since !== undefined && t < timeMs(f.since)) return false;
  if (f.until !== undefined && t > timeMs(f.until)) return false;
  return true;
}

/** Newest first; equal start times fall back to run id, descending, so the order is total. */
export function newestFirst(a: RunSummary, b: RunSummary): number {
  const d = timeMs(b.started_at) - timeMs(a.started_at);
  if (d !== 0) return d;
  return a.run_id < b.run_id ? 1 : a.run_id > b.run_id ? -1 : 0;
}

export function limitOf(f: RunFilter = {}): number {
  const n = f.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`limit must be a non-negative integer, got ${n}`);
  return n;
}
