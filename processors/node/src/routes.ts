// Request target → route. Only the path decides (query strings are ignored), compared exactly as
// sent: no percent-decoding and no normalisation, so `/v1/keys/a%2Fb` is the key "a%2Fb" and
// `//health` is an unknown path.

export type RouteName = 'health' | 'metrics' | 'events' | 'key' | 'reads' | 'stats' | 'reset';

export interface Route {
  readonly name: RouteName;
  /** Methods served; HEAD rides along with GET (node:http then sends no body). */
  readonly methods: readonly string[];
  /** The `Allow` header of a 405. */
  readonly allow: string;
}

export interface RouteMatch {
  readonly route: Route;
  /** The `{key}` path segment of GET /v1/keys/{key}, else ''. */
  readonly key: string;
}

const GET: Pick<Route, 'methods' | 'allow'> = { methods: ['GET', 'HEAD'], allow: 'GET, HEAD' };
const POST: Pick<Route, 'methods' | 'allow'> = { methods: ['POST'], allow: 'POST' };

const EXACT = new Map<string, Route>([
  ['/health', { name: 'health', ...GET }],
  ['/metrics', { name: 'metrics', ...GET }],
  ['/v1/events', { name: 'events', ...POST }],
  ['/v1/reads', { name: 'reads', ...POST }],
  ['/v1/stats', { name: 'stats', ...GET }],
  ['/v1/reset', { name: 'reset', ...POST }],
]);
const KEY_ROUTE: Route = { name: 'key', ...GET };
const KEY_PREFIX = '/v1/keys/';

export function matchRoute(target: string): RouteMatch | undefined {
  const path = pathOf(target);
  const exact = EXACT.get(path);
  if (exact !== undefined) return { route: exact, key: '' };
  if (path.startsWith(KEY_PREFIX)) {
    const key = path.slice(KEY_PREFIX.length);
    // An empty key or a further segment (`/v1/keys/a/b`) is an unknown path.
    if (key.length > 0 && !key.includes('/')) return { route: KEY_ROUTE, key };
  }
  return undefined;
}

/** The path of an origin-form (`/p?q`) or absolute-form (`http://h/p?q`) request target. */
export function pathOf(target: string): string {
  let start = 0;
  if (!target.startsWith('/')) {
    const authority = ABSOLUTE_FORM.exec(target);
    if (authority === null) return target; // `*` (OPTIONS) or garbage: matches no route
    start = authority[0].length;
  }
  // A '#' stays part of the path, as in Go's url.ParseRequestURI: clients never send fragments.
  const query = target.indexOf('?', start);
  const path = start === 0 && query === -1 ? target : target.slice(start, query === -1 ? target.length : query);
  return path === '' ? '/' : path;
}

const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*/;

export function isAllowed(route: Route, method: string | undefined): boolean {
  return method !== undefined && route.methods.includes(method);
}
