// Structural comparison of a JSON response with its expectation, as the spec defines it:
// numbers within a relative 1e-9 (integers exactly), everything else exactly, the marker
// "<any non-empty string>" matching any non-empty string, and object fields in the expected
// order (the spec fixes the field order of every response). Every difference is reported with
// its JSON path, not just the first.
import { ANY_NON_EMPTY_STRING } from './vector-schema.ts';

export interface JsonDiff {
  /** e.g. `$.errors[1].reason` */
  path: string;
  expected: unknown;
  actual: unknown;
  message: string;
}

const RELATIVE_TOLERANCE = 1e-9;
const MISSING_TEXT = '(absent)';

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export function numbersMatch(expected: number, actual: number): boolean {
  if (Number.isInteger(expected) && Number.isInteger(actual)) return expected === actual;
  if (expected === actual) return true;
  return Math.abs(expected - actual) <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual));
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function compareJson(expected: unknown, actual: unknown, path = '$'): JsonDiff[] {
  const diffs: JsonDiff[] = [];
  walk(expected, actual, path, diffs);
  return diffs;
}

function walk(expected: unknown, actual: unknown, path: string, diffs: JsonDiff[]): void {
  const diff = (message: string): void => {
    diffs.push({ path, expected, actual, message });
  };
  if (expected === ANY_NON_EMPTY_STRING) {
    if (typeof actual !== 'string' || actual.length === 0) diff('expected a non-empty string');
    return;
  }
  const ek = kindOf(expected);
  const ak = kindOf(actual);
  if (ek !== ak) {
    diff(`expected ${ek}, got ${ak}`);
    return;
  }
  if (ek === 'number') {
    if (!numbersMatch(expected as number, actual as number)) diff('numbers differ');
    return;
  }
  if (ek === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length !== a.length) diff(`expected ${e.length} elements, got ${a.length}`);
    for (let i = 0; i < Math.min(e.length, a.length); i += 1) walk(e[i], a[i], `${path}[${i}]`, diffs);
    return;
  }
  if (ek === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!(key in a)) diffs.push({ path: childPath(path, key), expected: e[key], actual: MISSING_TEXT, message: 'field missing' });
      else walk(e[key], a[key], childPath(path, key), diffs);
    }
    for (const key of Object.keys(a)) {
      if (!(key in e)) diffs.push({ path: childPath(path, key), expected: MISSING_TEXT, actual: a[key], message: 'unexpected field' });
    }
    const eKeys = Object.keys(e);
    const aKeys = Object.keys(a).filter((k) => k in e);
    if (eKeys.length === aKeys.length && eKeys.some((k, i) => k !== aKeys[i])) {
      diffs.push({ path, expected: eKeys.join(','), actual: aKeys.join(','), message: 'fields in a different order' });
    }
    return;
  }
  if (expected !== actual) diff('values differ');
}


/**
 * Turns one processor's response body into an expectation for another's: error messages are
 * free text in every implementation, so only their presence is compared.
 */
export function asExpectation(body: unknown): unknown {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const o = body as Record<string, unknown>;
    if (typeof o['error'] === 'string' && o['error'].length > 0) return { ...o, error: ANY_NON_EMPTY_STRING };
  }
  return body;
}
