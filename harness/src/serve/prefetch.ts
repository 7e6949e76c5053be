// The served app's first requests start before its script has loaded: the server adds a small
// inline script to index.html that reads the URL fragment, fetches what the first view will ask
// for (the run list, and the selected or newest run for the run views), and leaves the pending
// responses in `window.__apiPrefetch`; the app takes each one over once (dashboard/src/api/source.ts,
// takePrefetched). The API work then overlaps the download and start-up of the app's bundle. Only
// the server adds it: the HTML report reads dist/index.html itself and stays free of requests.
import { apiPaths, RUN_LIST_LIMIT } from './api-paths.ts';

/** The views that fetch one run (dashboard/src/views/RunViews.tsx); the default view is the first. */
export const RUN_VIEWS = ['overview', 'distribution', 'tail', 'latency', 'memory'] as const;

const js = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** The inline script's code (no <script> tags). */
export function prefetchCode(): string {
  return `(function () {
  if (!/^https?:$/.test(location.protocol)) return;
  var p = new URLSearchParams(location.hash.replace(/^#/, ''));
  var view = p.get('view') || ${js(RUN_VIEWS[0])};
  var paths = [${js(apiPaths.runs({ limit: RUN_LIST_LIMIT }))}];
  if (${js(RUN_VIEWS)}.indexOf(view) >= 0) {
    var run = p.get('run');
    paths.push(run ? ${js(apiPaths.run(''))} + encodeURIComponent(run) : ${js(apiPaths.latest())});
  }
  var started = {};
  paths.forEach(function (path) {
    started[path] = fetch(path, { headers: { accept: 'application/json' } });
    started[path].catch(function () {});
  });
  window.__apiPrefetch = started;
})();`;
}

/** index.html with the prefetch script at the end of its head. */
export function withPrefetch(html: string): string {
  const at = html.indexOf('</head>');
  if (at < 0) return html;
  return `${html.slice(0, at)}<script>${prefetchCode()}</script>\n${html.slice(at)}`;
}
