// Query-parameter validation for the API. Every parameter of every endpoint is declared; anything
// undeclared, repeated, missing or malformed is a 400 naming the parameter, so nothing unchecked
// reaches a file path or a query.
import { RUN_ID_PATTERN } from '../results/layout.ts';
import { isSeriesMetric } from '../store/index.ts';
import type { ApiError } from './api-types.ts';

/** Returns the problem with a value, or undefined when it is acceptable. */
export type Check = (value: string) => string | undefined;

export interface ParamSpec {
  check: Check;
  required: boolean;
}

export type ParamResult<K extends string> = { ok: true; values: Partial<Record<K, string>> } | { ok: false; error: ApiError };

// Scenario and processor names follow the manifests' rule (processors/manifest.ts).
const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

const show = (v: string) => JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);

export const checks = {
  runId: (v: string) => (RUN_ID_PATTERN.test(v) ? undefined : `${show(v)} is not a run id (letters, digits, "_", ".", "-"; at most 128)`),
  resultId: (v: string) => (RUN_ID_PATTERN.test(v) ? undefined : `${show(v)} is not a microbench result id (letters, digits, "_", ".", "-"; at most 128)`),
  sweepId: (v: string) => (RUN_ID_PATTERN.test(v) ? undefined : `${show(v)} is not a sweep id (letters, digits, "_", ".", "-"; at most 128) or "latest"`),
  name: (v: string) => (NAME.test(v) ? undefined : `${show(v)} is not a scenario or processor name (lower-case letters, digits, "-", "_")`),
  branch: (v: string) => (BRANCH.test(v) ? undefined : `${show(v)} is not a branch name`),
  metric: (v: string) => (isSeriesMetric(v) ? undefined : `${show(v)} is not a series metric`),
  which: (v: string) => (v === 'corrected' || v === 'uncorrected' ? undefined : `${show(v)} must be "corrected" or "uncorrected"`),
  count: (max: number) => (v: string) =>
    /^\d{1,6}$/.test(v) && Number(v) >= 1 && Number(v) <= max ? undefined : `${show(v)} must be a whole number from 1 to ${max}`,
} satisfies Record<string, Check | ((max: number) => Check)>;

export const required = (check: Check): ParamSpec => ({ check, required: true });
export const optional = (check: Check): ParamSpec => ({ check, required: false });

export function parseParams<K extends string>(search: URLSearchParams, spec: Record<K, ParamSpec>): ParamResult<K> {
  const values: Partial<Record<K, string>> = {};
  const seen = new Set<string>();
  for (const [key, value] of search) {
    if (!Object.hasOwn(spec, key)) {
      const allowed = Object.keys(spec);
      return { ok: false, error: { error: `unknown parameter "${key}"${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`, parameter: key } };
    }
    if (seen.has(key)) return { ok: false, error: { error: `parameter "${key}" given more than once`, parameter: key } };
    seen.add(key);
    const problem = spec[key as K].check(value);
    if (problem) return { ok: false, error: { error: `${key}: ${problem}`, parameter: key } };
    values[key as K] = value;
  }
  for (const key of Object.keys(spec) as K[]) {
    if (spec[key].required && !seen.has(key)) return { ok: false, error: { error: `missing parameter "${key}"`, parameter: key } };
  }
  return { ok: true, values };
}
