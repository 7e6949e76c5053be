// One request's life as a value the views switch on: loading, failed (with the server's reason),
// or loaded. A newer path cancels interest in an older answer.
import { useEffect, useState } from 'react';
import { useApiSource } from './context.ts';
import { ApiFailure } from './source.ts';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiFailure }
  | { state: 'ok'; data: T };

function toFailure(err: unknown): ApiFailure {
  return err instanceof ApiFailure ? err : new ApiFailure(err instanceof Error ? err.message : String(err), 0);
}

/** Fetches every path (null: nothing to fetch yet) and settles when all have answered. */
export function useApiAll<T>(paths: readonly string[] | null): Loadable<T[]> {
  const source = useApiSource();
  const key = paths ? paths.join('\n') : null;
  const [result, setResult] = useState<{ key: string | null; value: Loadable<T[]> }>({ key: null, value: { state: 'loading' } });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    Promise.all(key.split('\n').map((p) => source.get<T>(p))).then(
      (data) => live && setResult({ key, value: { state: 'ok', data } }),
      (err: unknown) => live && setResult({ key, value: { state: 'error', error: toFailure(err) } }),
    );
    return () => {
      live = false;
    };
  }, [key, source]);
  return result.key === key ? result.value : { state: 'loading' };
}

export function useApi<T>(path: string | null): Loadable<T> {
  const all = useApiAll<T>(path === null ? null : [path]);
  return all.state === 'ok' ? { state: 'ok', data: all.data[0] as T } : all;
}
