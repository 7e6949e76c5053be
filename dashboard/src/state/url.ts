// The selection lives in the URL fragment so a view can be shared by copying the address. The
// fragment (not the query) because the same app runs from file:// in the HTML report, where
// history.pushState with a new query is not allowed. Values the app cannot check itself (run ids,
// scenario names) pass through: the API validates them and the view shows its 400 answer.

export const VIEWS = ['overview', 'distribution', 'tail', 'latency', 'memory', 'trends', 'compare', 'load', 'claims', 'inprocess', 'tradeoffs'] as const;
export type View = (typeof VIEWS)[number];

export const WHICH = ['both', 'corrected', 'uncorrected'] as const;
export type Which = (typeof WHICH)[number];

export interface UrlState {
  view: View;
  /** The run shown; absent means the newest. */
  run?: string;
  scenario?: string;
  /** Histograms drawn in the distribution view. */
  which: Which;
  /** Repetition drawn in the over-time views. */
  rep: number;
  /** Compare: reference and candidate runs. */
  a?: string;
  b?: string;
  branch?: string;
  /** In-process view: the micro-benchmark result shown; absent means the newest. */
  mb?: string;
  /** Latency-against-load view: the sweep shown; absent means the newest. */
  sweep?: string;
}

export const DEFAULT_STATE: UrlState = { view: 'overview', which: 'both', rep: 0 };

export type ParsedUrlState = { state: UrlState; errors: string[] };

const KNOWN = new Set(['view', 'run', 'scenario', 'which', 'rep', 'a', 'b', 'branch', 'mb', 'sweep']);

function isOneOf<T extends string>(list: readonly T[], v: string): v is T {
  return (list as readonly string[]).includes(v);
}

/** Parses `#view=…&run=…`. Invalid values fall back to defaults and are reported in `errors`. */
export function parseUrlState(hash: string): ParsedUrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: UrlState = { ...DEFAULT_STATE };
  const errors: string[] = [];
  for (const key of new Set(params.keys())) {
    if (!KNOWN.has(key)) errors.push(`unknown URL parameter "${key}"`);
  }
  const view = params.get('view');
  if (view !== null) {
    if (isOneOf(VIEWS, view)) state.view = view;
    else errors.push(`unknown view "${view}" (one of ${VIEWS.join(', ')})`);
  }
  const which = params.get('which');
  if (which !== null) {
    if (isOneOf(WHICH, which)) state.which = which;
    else errors.push(`unknown histogram "${which}" (one of ${WHICH.join(', ')})`);
  }
  const rep = params.get('rep');
  if (rep !== null) {
    if (/^\d{1,4}$/.test(rep)) state.rep = Number(rep);
    else errors.push(`repetition "${rep}" is not a whole number`);
  }
  for (const key of ['run', 'scenario', 'a', 'b', 'branch', 'mb', 'sweep'] as const) {
    const v = params.get(key);
    if (v !== null && v !== '') state[key] = v;
  }
  return { state, errors };
}

/** The fragment for a state; defaults are left out so URLs stay short. */
export function formatUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  params.set('view', state.view);
  if (state.run) params.set('run', state.run);
  if (state.scenario) params.set('scenario', state.scenario);
  if (state.which !== DEFAULT_STATE.which) params.set('which', state.which);
  if (state.rep !== DEFAULT_STATE.rep) params.set('rep', String(state.rep));
  if (state.a) params.set('a', state.a);
  if (state.b) params.set('b', state.b);
  if (state.branch) params.set('branch', state.branch);
  if (state.mb) params.set('mb', state.mb);
  if (state.sweep) params.set('sweep', state.sweep);
  return `#${params.toString()}`;
}
