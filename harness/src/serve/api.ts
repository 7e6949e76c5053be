// The dashboard's JSON API over a StoreReader: one function from a request URL to a status and a
// body, so it is tested without a socket and reused by the HTML report to precompute answers.
import type { MicrobenchReader } from '../store/microbench-types.ts';
import type { SweepSource } from '../store/sweep-source.ts';
import type { TradeoffsSource } from '../store/tradeoffs-source.ts';
import type { SeriesMetric, StoreReader } from '../store/types.ts';
import type {
  ApiError,
  ClaimsResponse,
  CompareResponse,
  HistogramResponse,
  LatestResponse,
  MicrobenchListResponse,
  MicrobenchResponse,
  RunResponse,
  RunsResponse,
  SeriesResponse,
  SweepsResponse,
  TradeoffsResponse,
} from './api-types.ts';
import { NOT_EVALUATED_HINT, type ClaimsSource } from './claims.ts';
import { checks, optional, parseParams, required } from './params.ts';
import { toRunView } from './run-view.ts';
import { percentileSpectrum } from './spectrum.ts';
import { sweepResponse, sweepSummaries } from './sweeps.ts';

export interface ApiContext {
  store: StoreReader;
  claims: ClaimsSource;
  /** In-process micro-benchmark results (`harness microbench`). */
  microbench: MicrobenchReader;
  /** Trade-offs runs; absent: the API answers that there are none. */
  tradeoffs?: TradeoffsSource;
  /** `harness sweep` results; absent: the API answers that there are none. */
  sweeps?: SweepSource;
}

export const NO_TRADEOFFS_HINT = 'no trade-offs measured yet — run `harness tradeoffs`';

export interface ApiAnswer {
  status: number;
  body: unknown;
}

const ok = (body: unknown): ApiAnswer => ({ status: 200, body });
const fail = (status: number, error: ApiError): ApiAnswer => ({ status, body: error });
const notFound = (what: string): ApiAnswer => fail(404, { error: what });

export const MAX_LIST = 5000;

async function runs(ctx: ApiContext, q: URLSearchParams): Promise<ApiAnswer> {
  const p = parseParams(q, { limit: optional(checks.count(MAX_LIST)), branch: optional(checks.branch) });
  if (!p.ok) return fail(400, p.error);
  const filter = { limit: Number(p.values.limit ?? MAX_LIST), ...(p.values.branch ? { branch: p.values.branch } : {}) };
  return ok({ runs: await ctx.store.listRuns(filter) } satisfies RunsResponse);
}

async function run(ctx: ApiContext, runId: string, q: URLSearchParams): Promise<ApiAnswer> {
  const problem = checks.runId(runId);
  if (problem) return fail(400, { error: `run: ${problem}`, parameter: 'run' });
  const p = parseParams(q, {});
  if (!p.ok) return fail(400, p.error);
  const record = await ctx.store.getRun(runId);
  return record ? ok({ run: toRunView(record) } satisfies RunResponse) : notFound(`no run "${runId}" in the ${ctx.store.name} store`);
}

async function latest(ctx: ApiContext, q: URLSearchParams): Promise<ApiAnswer> {
  const p = parseParams(q, {});
  if (!p.ok) return fail(400, p.error);
  const record = await ctx.store.latestRun();
  return ok({ run: record ? toRunView(record) : null } satisfies LatestResponse);
}

async function series(ctx: ApiContext, q: URLSearchParams): Promise<ApiAnswer> {
  const p = parseParams(q, {
    metric: required(checks.metric),
    scenario: required(checks.name),
    processor: optional(checks.name),
    branch: optional(checks.branch),
    last: optional(checks.count(MAX_LIST)),
  });
  if (!p.ok) return fail(400, p.error);
  const { metric, scenario, processor, branch, last } = p.values as { metric: SeriesMetric; scenario: string; processor?: string; branch?: string; last?: string };
  const points = await ctx.store.series({
    metric,
    scenario,
    ...(processor ? { processor } : {}),
    ...(branch ? { branch } : {}),
    ...(last ? { last: Number(last) } : {}),
  });
  return ok({ metric, scenario, points } satisfies SeriesResponse);
}

async function histogram(ctx: ApiContext, q: URLSearchParams): Promise<ApiAnswer> {
  const p = parseParams(q, {
    run: required(checks.runId),
    scenario: required(checks.name),
    processor: required(checks.name),
    which: required(checks.which),
  });
  if (!p.ok) return fail(400, p.error);
  const { run: run_id, scenario, processor } = p.values as Record<'run' | 'scenario' | 'processor', string>;
  const which = p.values.which as 'corrected' | 'uncorrected';
  const encoded = await ctx.store.mergedHistogram({ run_id, scenario, processor, which });
  if (encoded === undefined) return notFound(`no ${which} histogram for ${scenario}/${processor} in run "${run_id}"`);
  const { count, points } = percentileSpectrum(encoded);
  return ok({ run_id, scenario, processor, which, count, points } satisfies HistogramResponse);
}

async function compare(ctx: ApiContext, q: URLSearchParams): Promise<ApiAnswer> {
  const p = parseParams(q, { a: required(checks.runId), b: required(checks.runId) });
  if (!p.ok) return fail(400, p.error);
  const [a, b] = await Promise.all([ctx.store.getRun(p.values.a!), ctx.store.getRun(p.values.b!)]);
  if (!a) return notFound(`no run "${p.values.a}" (a) in the ${ctx.store.name} store`);
  if (!b) return notFound(`no run "${p.values.b}" (b) in the ${ctx.store.name} store`);
  return ok({ a: toRunView(a), b: toRunView(b) } satisfies CompareResponse);
}

async function claims(ctx: ApiContext, q: URLSearchParams): Promise<ApiAnswer> {
  const p = parseParams(q, { run: required(checks.runId) });
  if (!p.ok) return fail(400, p.error);
  const run_id = p.values.run!;
  if ((await ctx.store.listRuns({ limit: MAX_LIST })).every((s) => s.run_id !== run_id)) {
    return notFound(`no run "${run_id}" in the ${ctx.store.name} store`);
  }
  const evaluated = await ctx.claims(run_id);
  const body: ClaimsResponse = evaluated
    ? { state: 'evaluated', run_id, ...evaluated }
    : { state: 'not-evaluated', run_id, hint: NOT_EVALUATED_HINT };
  return ok(body);
}

async function microbenchList(ctx: ApiContext, q: URLSearchParams): Promise<ApiAnswer> {
  const p = parseParams(q, { limit: optional(checks.count(MAX_LIST)) });
  if (!p.ok) return fail(400, p.error);
  return ok({ results: await ctx.microbench.listMicrobench(Number(p.values.limit ?? MAX_LIST)) } satisfies MicrobenchListResponse);
}

async function microbench(ctx: ApiContext, id: string, q: URLSearchParams): Promise<ApiAnswer> {
  const problem = checks.resultId(id);
  if (problem) return fail(400, { error: `microbench: ${problem}`, parameter: 'id' });
  const p = parseParams(q, {});
  if (!p.ok) return fail(400, p.error);
  const result = await ctx.microbench.getMicrobench(id);
  if (!result) return notFound(`no microbench result "${id}" in the ${ctx.microbench.name} store`);
  const view = { ...result, results: result.results.map(({ samples_ns: _samples, ...r }) => r) };
  return ok({ result: view } satisfies MicrobenchResponse);
}

async function tradeoffs(ctx: ApiContext, q: URLSearchParams): Promise<ApiAnswer> {
  const p = parseParams(q, { id: optional(checks.runId) });
  if (!p.ok) return fail(400, p.error);
  const id = p.values.id;
  const result = ctx.tradeoffs ? await ctx.tradeoffs(id ?? 'latest') : undefined;
  if (result) return ok({ state: 'measured', result } satisfies TradeoffsResponse);
  if (id !== undefined) return notFound(`no trade-offs run "${id}"`);
  return ok({ state: 'none', hint: NO_TRADEOFFS_HINT } satisfies TradeoffsResponse);
}

async function sweepList(ctx: ApiContext, q: URLSearchParams): Promise<ApiAnswer> {
  const p = parseParams(q, { limit: optional(checks.count(MAX_LIST)), scenario: optional(checks.name) });
  if (!p.ok) return fail(400, p.error);
  if (!ctx.sweeps) return ok({ sweeps: [] } satisfies SweepsResponse);
  const points = await ctx.sweeps.sustainableTrend({ last: Number(p.values.limit ?? MAX_LIST), ...(p.values.scenario ? { scenario: p.values.scenario } : {}) });
  return ok({ sweeps: sweepSummaries(points) } satisfies SweepsResponse);
}

async function sweep(ctx: ApiContext, id: string, q: URLSearchParams): Promise<ApiAnswer> {
  const problem = id === 'latest' ? undefined : checks.sweepId(id);
  if (problem) return fail(400, { error: `sweep: ${problem}`, parameter: 'id' });
  const p = parseParams(q, {});
  if (!p.ok) return fail(400, p.error);
  const result = ctx.sweeps ? await ctx.sweeps.get(id) : undefined;
  if (!result) return notFound(id === 'latest' ? 'no sweep yet — run `harness sweep`' : `no sweep "${id}"${ctx.sweeps ? ` in ${ctx.sweeps.describe}` : ''}`);
  return ok(sweepResponse(result));
}

/** Answers GET /api/…; `url` is the request URL (path and query). */
export async function handleApi(ctx: ApiContext, url: URL): Promise<ApiAnswer> {
  const q = url.searchParams;
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'api') return notFound(`no API endpoint ${url.pathname}`);
  const [, endpoint, arg, ...rest] = parts;
  if (rest.length) return notFound(`no API endpoint ${url.pathname}`);
  switch (endpoint) {
    case 'runs':
      if (arg === undefined) return runs(ctx, q);
      // The id arrives percent-encoded; decode before the pattern check so "%2E%2E" cannot slip through.
      return run(ctx, safeDecode(arg), q);
    case 'latest':
      return arg === undefined ? latest(ctx, q) : notFound(`no API endpoint ${url.pathname}`);
    case 'series':
      return arg === undefined ? series(ctx, q) : notFound(`no API endpoint ${url.pathname}`);
    case 'histogram':
      return arg === undefined ? histogram(ctx, q) : notFound(`no API endpoint ${url.pathname}`);
    case 'compare':
      return arg === undefined ? compare(ctx, q) : notFound(`no API endpoint ${url.pathname}`);
    case 'claims':
      return arg === undefined ? claims(ctx, q) : notFound(`no API endpoint ${url.pathname}`);
    case 'microbench':
      return arg === undefined ? microbenchList(ctx, q) : microbench(ctx, safeDecode(arg), q);
    case 'tradeoffs':
      return arg === undefined ? tradeoffs(ctx, q) : notFound(`no API endpoint ${url.pathname}`);
    case 'sweeps':
      return arg === undefined ? sweepList(ctx, q) : sweep(ctx, safeDecode(arg), q);
    default:
      return notFound(`no API endpoint ${url.pathname} (try /api/runs, /api/latest, /api/runs/<id>, /api/series, /api/histogram, /api/compare, /api/claims, /api/microbench, /api/microbench/<id>, /api/tradeoffs, /api/sweeps, /api/sweeps/<id>)`);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

