// Benchmark: with N synthetic runs in the store, how long after navigation until the Overview has
// drawn its charts, measured in the browser (performance.now() from navigation start, polled every
// animation frame), over fresh browser profiles (cold cache). Also reports the production bundle
// size, gzip. Usage: node --import tsx dashboard/bench/overview.ts [--runs 1000] [--iterations 5] [--ids stamped|synthetic]
// Runs get ids as a real run does (newRunId: start time first) unless --ids synthetic ("synthetic-000001").
// The seeded stores are kept under $TMPDIR/dash-bench-stamped-<runs> (or dash-bench-<runs>) and reused.
import { readdir, readFile, stat } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { newRunId } from '../../harness/src/results/layout.ts';
import { DIST_DIR } from '../../harness/src/serve/build-app.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { startSeededDashboard } from '../e2e/dashboard-server.ts';
import { seedRuns } from '../e2e/seed.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' }, iterations: { type: 'string', default: '5' }, ids: { type: 'string', default: 'stamped' } } });
const runCount = Number(values.runs);
const iterations = Number(values.iterations);
if (values.ids !== 'stamped' && values.ids !== 'synthetic') throw new Error('--ids is stamped or synthetic');
const stampedIds = values.ids === 'stamped';

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function seeded(root: string, runCount: number): Promise<void> {
  const have = await readdir(root).then((e) => e.length, () => 0);
  if (have >= runCount) return;
  const t0 = performance.now();
  const batch = 50;
  for (let start = have; start < runCount; start += batch) {
    const specs = Array.from({ length: Math.min(batch, runCount - start) }, (_, i) => {
      const seed = start + i + 1;
      // syntheticRun's own start time for this seed, so both id styles hold the same runs.
      const started = new Date(Date.UTC(2026, 10, 1) + seed * 3_600_000);
      return {
        seed,
        samples_per_phase: 200,
        git_branch: (start + i) % 7 === 0 ? 'feat/x' : 'main',
        ...(stampedIds ? { run_id: newRunId(started, 'abcdef1', () => (seed % 4096) / 4096), started_at: started } : {}),
      };
    });
    await seedRuns(root, specs);
    process.stderr.write(`\rseeded ${start + specs.length}/${runCount} runs`);
  }
  process.stderr.write(` in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

async function bundleSizes(): Promise<Array<{ file: string; bytes: number; gzip_bytes: number }>> {
  const assets = path.join(DIST_DIR, 'assets');
  const out = [];
  for (const f of await readdir(assets)) {
    const body = await readFile(path.join(assets, f));
    out.push({ file: f, bytes: (await stat(path.join(assets, f))).size, gzip_bytes: gzipSync(body, { level: 9 }).length });
  }
  return out;
}

const READY = `(() => {
  const n = (sel) => document.querySelectorAll(sel).length;
  return n('[data-testid=chart-latency] .recharts-bar-rectangle path') >= 6
    && n('[data-testid=chart-memory] .recharts-bar-rectangle path') >= 6
    && n('[data-testid=chart-capacity] .recharts-bar-rectangle path') >= 3
    && n('[data-testid=overview-table] tbody tr') >= 6 ? performance.now() : false;
})()`;

interface Sample {
  render_ms: number[];
  api_ms: Record<string, number[]>;
  phases_ms: Record<string, number[]>;
}

async function measureOnce(url: string, into: Sample): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${url}/#view=overview`);
    const handle = await page.waitForFunction(READY, undefined, { polling: 'raf', timeout: 60_000 });
    into.render_ms.push(Number(await handle.jsonValue()));
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => ({ name: new URL(e.name).pathname.replace(/\/api\/runs\/.+/, '/api/runs/:id'), ms: e.duration })),
    );
    for (const e of entries.filter((x) => x.name.startsWith('/api/'))) (into.api_ms[e.name] ??= []).push(e.ms);
    // Where the time went, each from navigation start.
    const marks = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return {
        script_loaded: Math.max(...res.filter((r) => r.name.endsWith('.js')).map((r) => r.responseEnd)),
        dom_content_loaded: nav.domContentLoadedEventEnd,
        api_answered: Math.max(...res.filter((r) => r.name.includes('/api/')).map((r) => r.responseEnd)),
      };
    });
    for (const [k, v] of Object.entries(marks)) (into.phases_ms[k] ??= []).push(v);
  } finally {
    await browser.close();
  }
}

// The reference store (10 runs) is measured interleaved with the big one, so machine load hits
// both alike and the ratio says what the store size costs.
const loadAtStart = os.loadavg().map((v) => v.toFixed(2)).join(' ');
const stores = [runCount, 10];
const samples = new Map<number, Sample>();
const servers = [];
for (const n of stores) {
  const root = path.join(tmpdir(), stampedIds ? `dash-bench-stamped-${n}` : `dash-bench-${n}`);
  await seeded(root, n);
  servers.push({ n, server: await startSeededDashboard(root) });
  samples.set(n, { render_ms: [], api_ms: {}, phases_ms: {} });
}
try {
  for (let i = 0; i < iterations; i++) {
    for (const { n, server } of servers) await measureOnce(server.url, samples.get(n)!);
  }
} finally {
  for (const { server } of servers) await server.close();
}
const summary = (s: Sample) => ({
  overview_charts_rendered_ms: { median: Math.round(median(s.render_ms)), all: s.render_ms.map((v) => Math.round(v)) },
  api_median_ms: Object.fromEntries(Object.entries(s.api_ms).map(([k, v]) => [k, Math.round(median(v))])),
  phases_median_ms: Object.fromEntries(Object.entries(s.phases_ms).map(([k, v]) => [k, Math.round(median(v))])),
});
const big = samples.get(runCount)!;
const small = samples.get(10)!;

const sizes = await bundleSizes();
const load = os.loadavg().map((v) => v.toFixed(2)).join(' ');
const result = {
  iterations,
  run_ids: values.ids,
  cores: os.cpus().length,
  load_average_at_start: loadAtStart,
  load_average_at_end: load,
  [`store_${runCount}_runs`]: summary(big),
  store_10_runs: summary(small),
  ratio_median_render: Number((median(big.render_ms) / median(small.render_ms)).toFixed(2)),
  bundle: sizes,
  bundle_gzip_total_bytes: sizes.reduce((t, s) => t + s.gzip_bytes, 0),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
