// The server adds an inline script to index.html that starts the first view's requests before the
// app's script has loaded; the app takes them over by path. These tests run that script against a
// fake window and check it asks for exactly the paths the app will (api-paths.ts), and nothing
// from file:// (the HTML report).
import { describe, expect, it } from 'vitest';
import { apiPaths, RUN_LIST_LIMIT } from '../../../harness/src/serve/api-paths.ts';
import { withPrefetch } from '../../../harness/src/serve/prefetch.ts';
import type { RunViewName } from '../views/RunViews.tsx';
import { VIEWS } from '../state/url.ts';
import { httpSource } from './source.ts';

const html = withPrefetch('<!doctype html><html><head><title>t</title></head><body></body></html>');
const inline = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';

function prefetchedPaths(href: string): string[] {
  const url = new URL(href);
  const requested: string[] = [];
  const win: { __apiPrefetch?: Record<string, Promise<Response>> } = {};
  const fakeFetch = (path: string) => {
    requested.push(path);
    return Promise.resolve(new Response('{}'));
  };
  new Function('window', 'location', 'fetch', inline)(win, { protocol: url.protocol, hash: url.hash }, fakeFetch);
  expect(Object.keys(win.__apiPrefetch ?? {})).toEqual(requested);
  return requested;
}

describe('index.html prefetch', () => {
  it('is added to the head of the served index.html', () => {
    expect(inline).toContain('__apiPrefetch');
    expect(html.indexOf('<script>')).toBeLessThan(html.indexOf('</head>'));
  });

  it('treats as run views exactly the app\u2019s run views', () => {
    const runViews: RunViewName[] = ['overview', 'distribution', 'tail', 'latency', 'memory'];
    for (const view of VIEWS) {
      const paths = prefetchedPaths(`http://h:1/#view=${view}`);
      expect(paths.includes(apiPaths.latest()), view).toBe((runViews as string[]).includes(view));
    }
  });

  it('asks for the run list and the newest run for the run views without a run', () => {
    const want = [apiPaths.runs({ limit: RUN_LIST_LIMIT }), apiPaths.latest()];
    expect(prefetchedPaths('http://127.0.0.1:5178/')).toEqual(want);
    expect(prefetchedPaths('http://127.0.0.1:5178/#view=overview')).toEqual(want);
    expect(prefetchedPaths('http://127.0.0.1:5178/#view=memory&scenario=ingest')).toEqual(want);
  });

  it('asks for the selected run, encoded as the app encodes it', () => {
    const id = '20261126T091500Z-abc1234-9f3e';
    expect(prefetchedPaths(`http://h:1/#view=distribution&run=${id}`)).toEqual([apiPaths.runs({ limit: RUN_LIST_LIMIT }), apiPaths.run(id)]);
    expect(prefetchedPaths('http://h:1/#view=latency&run=a%2Fb%20c')).toEqual([apiPaths.runs({ limit: RUN_LIST_LIMIT }), apiPaths.run('a/b c')]);
  });

  it('asks only for the run list for the other views', () => {
    for (const view of ['trends', 'compare', 'claims']) expect(prefetchedPaths(`http://h:1/#view=${view}`)).toEqual([apiPaths.runs({ limit: RUN_LIST_LIMIT })]);
  });

  it('asks for nothing from file:// (the HTML report)', () => {
    expect(prefetchedPaths('file:///tmp/report.html#view=overview')).toEqual([]);
  });
});

describe('httpSource with prefetched answers', () => {
  it('takes a prefetched answer once, then fetches anew', async () => {
    const started: Record<string, Promise<Response>> = { '/api/latest': Promise.resolve(new Response(JSON.stringify({ run: 'early' }))) };
    const take = (path: string) => {
      const r = started[path];
      delete started[path];
      return r;
    };
    const fetched: string[] = [];
    const fetchImpl = (async (path: string) => {
      fetched.push(path);
      return new Response(JSON.stringify({ run: 'fresh' }));
    }) as typeof fetch;
    const src = httpSource(fetchImpl, take);
    await expect(src.get('/api/latest')).resolves.toEqual({ run: 'early' });
    await expect(src.get('/api/latest')).resolves.toEqual({ run: 'fresh' });
    await expect(src.get('/api/runs')).resolves.toEqual({ run: 'fresh' });
    expect(fetched).toEqual(['/api/latest', '/api/runs']);
  });

  it('reports a failed prefetch like a failed fetch', async () => {
    const src = httpSource((async () => new Response('{}')) as typeof fetch, () => Promise.reject(new TypeError('fetch failed')));
    await expect(src.get('/api/latest')).rejects.toMatchObject({ status: 0 });
  });
});
