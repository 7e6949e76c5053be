// GET /v1/keys/{key}: one key's aggregates, fields in the spec's order.

import type { ServerResponse } from 'node:http';
import type { ProcessorState } from './key-state.ts';
import { sendError, sendJson } from './respond.ts';

export interface KeyView {
  readonly key: string;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly last: number;
  readonly last_ts: number;
  readonly alerts: number;
  readonly window: number[];
  readonly median: number;
}

/** The key's view, or undefined for a key never seen (since the last reset). */
export function viewKey(state: ProcessorState, key: string): KeyView | undefined {
  const s = state.keys.get(key);
  if (s === undefined) return undefined;
  return {
    key,
    count: s.count,
    sum: s.sum,
    min: s.min,
    max: s.max,
    mean: s.sum / s.count,
    last: s.last,
    last_ts: s.lastTs,
    alerts: s.alerts,
    window: s.window(),
    median: s.median(),
  };
}

/** 200 with the key's view, or 404 for a key not seen (null). */
export function respondKey(res: ServerResponse, view: KeyView | null): void {
  if (view === null) return sendError(res, 404, 'unknown key');
  sendJson(res, 200, JSON.stringify(view));
}
