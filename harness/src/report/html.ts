// `harness report <run> --html`: one self-contained HTML file — the dashboard's own build with its
// JS, CSS and the run's data inlined — that opens from file:// with no server, for attaching to
// a review. The single-run views (overview, distribution, what the tail is made of, latency and
// memory over time, claims, and latency against load when a sweep is given) work; trends and compare need a store and are left out. The tail
// view, the bands and the clean p99 need nothing beyond the run answer: the v2 fields travel in it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunRecord } from '../results/schema.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import type { TradeoffsResult } from '../results/tradeoffs-schema.ts';
import { DIST_DIR, ensureDashboardBuilt } from '../serve/build-app.ts';
import type { EvaluatedClaims } from '../serve/claims.ts';
import { embeddedAnswers } from '../serve/embedded-answers.ts';

export interface HtmlReportOptions {
  /** Verdicts from `harness claims`, when the run has been evaluated. */
  claims?: EvaluatedClaims;
  /** A `harness tradeoffs` result for the Trade-offs view (the newest one, usually). */
  tradeoffs?: TradeoffsResult;
  /** A `harness sweep` result for the latency-against-load view and the Overview's sustainable throughput (the newest one, usually). */
  sweep?: SweepResult;
  /** The built dashboard (default: dashboard/dist, built first when missing or stale). */
  distDir?: string;
}

/** Text that is safe inside a <script> element: nothing can close it or open a comment state. */
export function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON that is safe inside <script type="application/json">: `<` escaped, still the same JSON. */
export function jsonScriptSafe(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

export async function renderHtmlReport(run: RunRecord, opts: HtmlReportOptions = {}): Promise<string> {
  const distDir = opts.distDir ?? DIST_DIR;
  if (opts.distDir === undefined) await ensureDashboardBuilt();
  const index = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const scriptTag = /<script\b[^>]*\bsrc="([^"]+)"[^>]*><\/script>/.exec(index);
  if (!scriptTag?.[1]) throw new Error(`${distDir}/index.html has no script to inline`);
  const js = await readFile(path.join(distDir, scriptTag[1]), 'utf8');
  // Styles first, then the script: once the bundle and data are inlined, a later search could match inside them.
  let html = index;
  for (const link of [...index.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"[^>]*>/g)]) {
    const css = await readFile(path.join(distDir, link[1]!), 'utf8');
    html = html.replace(link[0], () => `<style>${css.replace(/<\/(style)/gi, '<\\/$1')}</style>`);
  }
  html = html.replace(
    scriptTag[0],
    () => `<script id="report-data" type="application/json">${jsonScriptSafe(embeddedAnswers(run, opts.claims, opts.tradeoffs, opts.sweep))}</script>\n<script type="module">${scriptSafe(js)}</script>`,
  );
  return html.replace(/<title>[^<]*<\/title>/, () => `<title>Latency report — ${escapeHtml(run.manifest.run_id)}</title>`);
}
