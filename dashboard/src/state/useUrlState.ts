import { useCallback, useEffect, useState } from 'react';
import { formatUrlState, parseUrlState, type ParsedUrlState, type UrlState } from './url.ts';

/** The URL fragment as state; `update` writes a new history entry so Back works. */
export function useUrlState(): [ParsedUrlState, (patch: Partial<UrlState>) => void] {
  const [parsed, setParsed] = useState(() => parseUrlState(window.location.hash));
  useEffect(() => {
    const onChange = () => setParsed(parseUrlState(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const update = useCallback((patch: Partial<UrlState>) => {
    const next = { ...parseUrlState(window.location.hash).state, ...patch };
    window.location.hash = formatUrlState(next);
  }, []);
  return [parsed, update];
}
