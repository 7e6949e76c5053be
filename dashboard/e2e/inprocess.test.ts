// The in-process view in a real browser over a real result: the output of a short
// `npm run microbench -- --smoke` (fixtures/microbench-smoke, labelled as such: its figures mean
// nothing), plus a synthetic result for the picker. Every function's charts draw a bar per
// record on a logarithmic axis with the interval whiskers, the table holds the stored medians.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicrobenchResult, type StoredMicrobench } from '../../harness/src/results/microbench-schema.ts';
import type { DashboardServer } from '../../harness/src/serve/server.ts';
import { MicrobenchFileStore } from '../../harness/src/store/index.ts';
import { syntheticMicrobench } from '../../harness/src/store/microbench-fixtures.ts';
import { formatNanos } from '../src/format/nanos.ts';
import { inProcessGroups } from '../src/shape/inprocess.ts';
import { launchWithPage, type Browser } from './browser.ts';
import { saveScreenshot } from './screenshot.ts';
import { startSeededDashboard } from './dashboard-server.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(HERE, 'fixtures', 'microbench-smoke');
const SMOKE_ID = '20261201T102930Z-c011db6-e568';

let root: string;
let smoke: StoredMicrobench;
let server: DashboardServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
// Older than the smoke run, so the smoke run is the newest (the default).
const synthetic = syntheticMicrobench('20261130T080000Z-abc1234-0001', '2026-11-30T08:00:00Z');

async function open(hash: string, ready: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector(ready, { timeout: 30_000 });
}

/** Heights of the bars of one chart, in drawing order. */
const barHeights = (testId: string) =>
  page.$$eval(`[data-testid=${testId}] .recharts-bar-rectangle path`, (ps) => ps.map((p) => (p as SVGGraphicsElement).getBBox().height));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dash-inprocess-'));
  const microbench = path.join(root, 'microbench');
  await cp(FIXTURE, microbench, { recursive: true });
  await new MicrobenchFileStore(microbench).write(synthetic);
  smoke = { ...MicrobenchResult.parse(JSON.parse(await readFile(path.join(FIXTURE, SMOKE_ID, 'result.json'), 'utf8'))), id: SMOKE_ID };
  server = await startSeededDashboard(path.join(root, 'results'), microbench);
  ({ browser, page, pageErrors } = await launchWithPage({ width: 1280, height: 900 }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('in-process view', () => {
  it('draws, per function, a bar per record for time per call and for items per second', async () => {
    await open('#view=inprocess', '[data-testid=chart-ns-ingest] .recharts-bar-rectangle path');
    const groups = inProcessGroups(smoke.results);
    expect(groups.map((g) => g.name).sort()).toEqual(['analyze_reads', 'ingest', 'key', 'key_response', 'noop', 'parse_validate', 'serve_events']);
    for (const g of groups) {
      const records = smoke.results.filter((r) => r.name === g.name).length;
      await page.waitForSelector(`[data-testid=chart-rate-${g.name}] .recharts-bar-rectangle path`);
      expect(await page.locator(`[data-testid=chart-ns-${g.name}] .recharts-bar-rectangle path`).count(), g.name).toBe(records);
      expect(await page.locator(`[data-testid=chart-rate-${g.name}] .recharts-bar-rectangle path`).count(), g.name).toBe(records);
    }
    await saveScreenshot(page, 'inprocess');
  });

  it('shows every stored median in its function table', async () => {
    for (const r of smoke.results) {
      const cell = page.locator(`[data-row="${r.name}/${r.batch_size}/${r.implementation}"] [data-cell=median]`);
      expect(await cell.innerText(), `${r.name}/${r.batch_size}/${r.implementation}`).toBe(formatNanos(r.median_ns));
    }
  });

  it('uses a logarithmic axis: bar heights grow with the logarithm of the time', async () => {
    // key, one batch size: bars in implementation order; height = log(value / axis floor) × scale.
    const key = inProcessGroups(smoke.results).find((g) => g.name === 'key')!;
    const values = key.implementations.map((impl) => key.points.get(1)!.get(impl)!.ns_per_call.value);
    const heights = await barHeights('chart-ns-key');
    // Tick labels are 1–2–5 steps per decade (or powers of ten), all in time units.
    const ticks = await page.locator('[data-testid=chart-ns-key] .recharts-cartesian-axis-tick-value').evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));
    const timeTicks = ticks.filter((t) => / (ns|µs|ms|s)$/.test(t));
    expect(timeTicks.length).toBeGreaterThanOrEqual(2);
    for (const t of timeTicks) expect(t, t).toMatch(/^(1|2|5|10|20|50|100|200|500)(\.0+)? (ns|µs|ms|s)$/);
    // Two bars fix the floor and the scale; the third must fall where the log scale puts it.
    const [a, b, c] = [0, 1, 2].map((i) => ({ v: values[i]!, h: heights[i]! }));
    const scale = (a!.h - b!.h) / Math.log(a!.v / b!.v);
    const predicted = a!.h + scale * Math.log(c!.v / a!.v);
    expect(Math.abs(predicted - c!.h)).toBeLessThan(2);
  });

  it('says that a smoke run proves the path and nothing more', async () => {
    expect(await page.locator('[data-testid=smoke-warning]').innerText()).toContain('figures mean nothing');
  });

  it('switches to another result from the picker, keeping it in the URL, with its interval whiskers', async () => {
    await page.selectOption('[data-testid=pick-microbench]', synthetic.id);
    await page.waitForFunction((id) => location.hash.includes(`mb=${id}`), synthetic.id);
    await page.waitForSelector(`[data-row="ingest/100/rust"]`);
    expect(await page.locator('[data-testid=smoke-warning]').count()).toBe(0);
    // go and rust at 100 events have intervals; the whiskers are drawn for both.
    expect(await page.locator('[data-testid=chart-ns-ingest] .recharts-errorBar').count()).toBeGreaterThanOrEqual(2);
    const rust = synthetic.results.find((r) => r.implementation === 'rust')!;
    expect(await page.locator('[data-row="ingest/100/rust"] [data-cell=interval]').innerText()).toBe(`[${formatNanos(rust.ci_low_ns!)} – ${formatNanos(rust.ci_high_ns!)}]`);
    expect(await page.locator('[data-testid=sources-not-run] [data-source=interop-python]').innerText()).toContain('skipped');
  });

  it('ends in an error state for an id that is not one, and a 404 state for an unknown one', async () => {
    await open('#view=inprocess&mb=..%2Fetc', '[data-testid=error]');
    expect(await page.locator('[data-testid=error]').innerText()).toContain('not a microbench result id');
    await open('#view=inprocess&mb=20991231T000000Z-0000000-0000', '[data-testid=error]');
    expect(await page.locator('[data-testid=error]').innerText()).toContain('no microbench result');
  });

  it('tells the user to run the micro-benchmarks when the store has none', async () => {
    const empty = await startSeededDashboard(path.join(root, 'results'), path.join(root, 'none'));
    try {
      await page.goto(`${empty.url}/#view=inprocess`);
      await page.waitForSelector('[data-testid=empty]');
      expect(await page.locator('[data-testid=empty]').innerText()).toContain('npm run microbench');
    } finally {
      await empty.close();
    }
  });

  it('raised no uncaught errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
