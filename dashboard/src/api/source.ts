// Where the app's data comes from: the harness's HTTP API, or — in the self-contained HTML
// report — answers embedded in the page under the same paths.
import type { ApiError } from '../../../harness/src/serve/api-types.ts';

export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly parameter?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface ApiSource {
  /** What this source can show: the report has one run and no history. */
  readonly kind: 'server' | 'report';
  get<T>(path: string): Promise<T>;
}

type Prefetched = (path: string) => Promise<Response> | undefined;

/**
 * A request index.html's inline script started for `path` before the app loaded, handed out once
 * (a later request for the same path fetches anew, so nothing stale is ever served twice).
 */
export const takePrefetched: Prefetched = (path) => {
  const started = (globalThis as { __apiPrefetch?: Record<string, Promise<Response>> }).__apiPrefetch;
  const answer = started?.[path];
  if (answer) delete started[path];
  return answer;
};

export function httpSource(fetchImpl: typeof fetch = fetch, prefetched: Prefetched = takePrefetched): ApiSource {
  return {
    kind: 'server',
    async get<T>(path: string): Promise<T> {
      let res: Response;
      try {
        res = await (prefetched(path) ?? fetchImpl(path, { headers: { accept: 'application/json' } }));
      } catch {
        throw new ApiFailure('cannot reach the harness server — is `npm run dashboard` still running?', 0);
      }
      const body: unknown = await res.json().catch(() => undefined);
      if (!res.ok) {
        const err = body as Partial<ApiError> | undefined;
        throw new ApiFailure(err?.error ?? `HTTP ${res.status}`, res.status, err?.parameter);
      }
      return body as T;
    },
  };
}

/** Answers from a map of path → body; a path that was not embedded is a 404. */
export function embeddedSource(answers: Record<string, unknown>): ApiSource {
  return {
    kind: 'report',
    async get<T>(path: string): Promise<T> {
      if (!Object.hasOwn(answers, path)) throw new ApiFailure(`this report does not include ${path}`, 404);
      return answers[path] as T;
    },
  };
}
