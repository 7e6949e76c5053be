// Compares several processors' responses to the same request with each other. Responses are
// grouped into classes of equal answers (status + body, error wording ignored, floats within
// 1e-9); processors outside the largest class, or all of them when no class is largest, are
// the ones that disagree.
import type { HttpResponse } from './http-client.ts';
import { compareJson, asExpectation, type JsonDiff } from './compare.ts';
import { parseJsonBody } from './check-response.ts';

export type Outcome = { ok: true; response: HttpResponse } | { ok: false; error: string };

export interface ResponseGroup {
  processors: string[];
  status: number | null;
  /** Parsed JSON body, or the raw text when it is not JSON, or the transport error. */
  body: unknown;
}

export interface CrossResult {
  agree: boolean;
  groups: ResponseGroup[];
  /** Processors outside the majority answer. */
  odd: string[];
  /** Differences between the first group (expected) and each other group's answer. */
  diffs: Array<JsonDiff & { processor: string }>;
}

function summarize(outcome: Outcome): { status: number | null; body: unknown; json: boolean } {
  if (!outcome.ok) return { status: null, body: `(no response: ${outcome.error})`, json: false };
  const parsed = parseJsonBody(outcome.response);
  return parsed.ok
    ? { status: outcome.response.status, body: parsed.value, json: true }
    : { status: outcome.response.status, body: outcome.response.body.subarray(0, 300).toString('utf8'), json: false };
}

function sameAnswer(a: ReturnType<typeof summarize>, b: ReturnType<typeof summarize>): JsonDiff[] {
  const diffs: JsonDiff[] = [];
  if (a.status !== b.status) diffs.push({ path: 'status', expected: a.status, actual: b.status, message: 'status differs' });
  if (a.json && b.json) diffs.push(...compareJson(asExpectation(a.body), b.body));
  else if (a.body !== b.body) diffs.push({ path: 'body', expected: a.body, actual: b.body, message: 'bodies differ' });
  return diffs;
}

export function crossCompare(outcomes: ReadonlyMap<string, Outcome>): CrossResult {
  const groups: Array<{ processors: string[]; summary: ReturnType<typeof summarize> }> = [];
  for (const [name, outcome] of outcomes) {
    const summary = summarize(outcome);
    const home = groups.find((g) => sameAnswer(g.summary, summary).length === 0 && sameAnswer(summary, g.summary).length === 0);
    if (home) home.processors.push(name);
    else groups.push({ processors: [name], summary });
  }
  const sizes = groups.map((g) => g.processors.length).sort((x, y) => y - x);
  const majority = sizes.length > 1 && sizes[0]! > sizes[1]! ? groups.find((g) => g.processors.length === sizes[0]) : undefined;
  const odd = groups.length <= 1 ? [] : groups.filter((g) => g !== majority).flatMap((g) => g.processors);
  const reference = majority ?? groups[0]!;
  const diffs = groups
    .filter((g) => g !== reference)
    .flatMap((g) => sameAnswer(reference.summary, g.summary).map((d) => ({ ...d, processor: g.processors.join(',') })));
  return {
    agree: groups.length <= 1,
    groups: groups.map((g) => ({ processors: g.processors, status: g.summary.status, body: g.summary.body })),
    odd,
    diffs,
  };
}
