// The API's URLs, built in one place: the app requests exactly these strings, and the HTML report
// precomputes answers under the same strings, so both stay in step. No Node imports: the browser
// bundle includes this file.

const q = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};

export const apiPaths = {
  runs: (opts: { limit?: number; branch?: string } = {}) => `/api/runs${q(opts)}`,
  run: (runId: string) => `/api/runs/${encodeURIComponent(runId)}`,
  latest: () => '/api/latest',
  series: (opts: { metric: string; scenario: string; processor?: string; branch?: string; last?: number }) => `/api/series${q(opts)}`,
  histogram: (opts: { run: string; scenario: string; processor: string; which: 'corrected' | 'uncorrected' }) => `/api/histogram${q(opts)}`,
  compare: (a: string, b: string) => `/api/compare${q({ a, b })}`,
  claims: (run: string) => `/api/claims${q({ run })}`,
  microbenchList: (opts: { limit?: number } = {}) => `/api/microbench${q(opts)}`,
  microbench: (id: string) => `/api/microbench/${encodeURIComponent(id)}`,
  /** The newest trade-offs run, or the one with this id. */
  tradeoffs: (id?: string) => `/api/tradeoffs${q({ id })}`,
  /** Sweep summaries, newest first; with a scenario, only sweeps of it. */
  sweeps: (opts: { limit?: number; scenario?: string } = {}) => `/api/sweeps${q(opts)}`,
  /** One sweep's curve views; "latest" for the newest. */
  sweep: (id: string) => `/api/sweeps/${encodeURIComponent(id)}`,
};

/** How many micro-benchmark results the in-process view lists in its picker (newest first). */
export const MICROBENCH_LIST_LIMIT = 200;

/** How many sweeps the latency-against-load view lists in its picker (newest first). */
export const SWEEP_LIST_LIMIT = 200;

/** How many runs the app lists in its run pickers (newest first). */
export const RUN_LIST_LIMIT = 1000;
