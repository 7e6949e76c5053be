// Checks one HTTP response against an expectation: status, JSON content type, JSON body
// (structurally, see compare.ts) and any headers the expectation names.
import type { HttpResponse } from './http-client.ts';
import { compareJson, type JsonDiff } from './compare.ts';
import { ANY_NON_EMPTY_STRING } from './vector-schema.ts';

export interface Expectation {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function parseJsonBody(response: HttpResponse): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(response.body.toString('utf8')) };
  } catch {
    const preview = response.body.subarray(0, 200).toString('utf8');
    return { ok: false, error: `body is not JSON: ${JSON.stringify(preview)}${response.body.length > 200 ? '…' : ''}` };
  }
}

function headerText(response: HttpResponse, name: string): string | undefined {
  const v = response.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

export function checkResponse(expectation: Expectation, response: HttpResponse): JsonDiff[] {
  const diffs: JsonDiff[] = [];
  if (response.status !== expectation.status) {
    diffs.push({ path: 'status', expected: expectation.status, actual: response.status, message: 'status differs' });
  }
  const mediaType = headerText(response, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    diffs.push({ path: 'headers.content-type', expected: 'application/json', actual: headerText(response, 'content-type') ?? '(absent)', message: 'every response is JSON' });
  }
  for (const [name, expected] of Object.entries(expectation.headers ?? {})) {
    const actual = headerText(response, name);
    const ok = expected === ANY_NON_EMPTY_STRING ? actual !== undefined && actual.length > 0 : actual === expected;
    if (!ok) diffs.push({ path: `headers.${name}`, expected, actual: actual ?? '(absent)', message: 'header differs' });
  }
  const body = parseJsonBody(response);
  if (!body.ok) diffs.push({ path: 'body', expected: expectation.body, actual: response.body.subarray(0, 200).toString('utf8'), message: body.error });
  else diffs.push(...compareJson(expectation.body, body.value, '$'));
  return diffs;
}
