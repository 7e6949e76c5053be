// The dashboard in a real browser (Debian chromium via playwright-core) over a seeded results
// folder: every view draws real recharts SVG with the seeded numbers, navigation keeps the URL,
// bad URL parameters end in an error state and a 400 from the API. Screenshots of every view go
// to e2e/artifacts/ (and to screenshots/ with UPDATE_SCREENSHOTS=1).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import hdr from 'hdr-histogram-js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDir } from '../../harness/src/results/layout.ts';
import type { Measurement, RunRecord } from '../../harness/src/results/schema.ts';
import type { DashboardServer } from '../../harness/src/serve/server.ts';
import { summarize } from '../../harness/src/report/summary.ts';
import { formatBytes } from '../src/format/bytes.ts';
import { formatDuration } from '../src/format/duration.ts';
import { launchWithPage, type Browser } from './browser.ts';
import { saveScreenshot } from './screenshot.ts';
import { startSeededDashboard } from './dashboard-server.ts';
import { COMPARE_PAIR, E2E_RUNS, seedRuns } from './seed.ts';

let root: string;
let runs: RunRecord[];
let server: DashboardServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

const latest = () => runs.at(-1)!;
const measure = (m: Measurement) => m.phases.find((p) => p.phase === 'measure')!;
const measurementsOf = (run: RunRecord, scenario: string, processor: string) =>
  run.measurements.filter((m) => m.scenario === scenario && m.processor === processor);

async function open(hash: string, ready: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector(ready, { timeout: 30_000 });
}

async function shoot(name: string): Promise<void> {
  await saveScreenshot(page, name);
}

const text = (selector: string) => page.locator(selector).first().innerText();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dash-e2e-'));
  runs = await seedRuns(root, E2E_RUNS);
  // The file `harness claims` leaves in a run folder.
  const verdict = (claim_id: string, description: string, measured: number, ci_low: number, ci_high: number, v: string, reasons: string[]) => ({
    claim_id, description, scenario: 'ingest', measured, ci_low, ci_high, unit: 'ratio', verdict: v, reasons, n: 3,
  });
  await writeFile(
    path.join(runDir(root, 'synthetic-000004'), 'claims.json'),
    JSON.stringify({
      schema_version: 1,
      run_id: 'synthetic-000004',
      title: 'ADR-7: Rust for the event processor',
      verdicts: [
        verdict('p99', 'rust p99 at least 25% below go', 0.71, 0.64, 0.8, 'supported', ['interval entirely below 0.75']),
        verdict('rss', 'rust RSS about 50% of go', 0.41, 0.38, 0.44, 'refuted', ['interval entirely below 0.45']),
        verdict('p999', 'node within 10% of go at p99.9', 1.3, 0.8, 2.2, 'inconclusive', ['interval straddles 1.1']),
      ],
    }),
  );
  server = await startSeededDashboard(root);
  ({ browser, page, pageErrors } = await launchWithPage({ width: 1280, height: 860 }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('overview', () => {
  it('draws p99/p99.9 bars per processor, taller for the slower processor', async () => {
    await open('#view=overview&scenario=ingest', '[data-testid=chart-latency] .recharts-bar-rectangle path');
    const heights = await page.$$eval('[data-testid=chart-latency] .recharts-bar-rectangle path', (ps) =>
      ps.map((p) => Number(/v ([\d.]+)/.exec(p.getAttribute('d') ?? '')?.[1] ?? 0)),
    );
    expect(heights).toHaveLength(6);
    // Bars come in manifest order (node, go, rust) for p99 first: node was seeded 2× rust's latency.
    const [nodeP99, , rustP99] = heights;
    expect(nodeP99).toBeGreaterThan(rustP99!);
    expect(await page.locator('[data-testid=chart-memory] .recharts-bar-rectangle path').count()).toBe(6);
    expect(await page.locator('[data-testid=chart-capacity] .recharts-bar-rectangle path').count()).toBe(3);
    await shoot('overview');
  });

  it('shows the p99 and steady RSS figures of `harness report`, with the same p99 interval', async () => {
    const row = summarize(latest()).find((s) => s.scenario === 'ingest')!.rows.find((r) => r.processor === 'rust')!;
    const p99 = row.figures.p99;
    if (p99.interval.kind !== 'interval') throw new Error('the seeded run should have an interval');
    const cell = await text('[data-row="ingest/rust"] [data-cell=p99]');
    expect(cell).toContain(formatDuration(p99.value!));
    expect(cell).toContain(`[${formatDuration(p99.interval.ci_low)} – ${formatDuration(p99.interval.ci_high)}]`);
    expect(await text('[data-row="ingest/rust"] [data-cell=steady_rss]')).toBe(formatBytes(row.figures.steady_rss.value!));
  });
});

describe('latency distribution', () => {
  it('draws a corrected and an uncorrected spectrum per processor on a nines axis, with the merged p99', async () => {
    await open('#view=distribution&scenario=ingest', '[data-testid=chart-spectrum] .recharts-line-curve');
    expect(await page.locator('[data-testid=chart-spectrum] path.recharts-line-curve').count()).toBe(6);
    const merged = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 2, numberOfSignificantValueDigits: 3, autoResize: true });
    for (const m of measurementsOf(latest(), 'ingest', 'go')) merged.add(hdr.decodeFromCompressedBase64(measure(m).corrected_hdr));
    expect(await text('[data-row="go/corrected"] [data-cell=p99]')).toBe(formatDuration(merged.getValueAtPercentile(99)));
    // recharts 3 draws tick labels in a separate z-index layer, so find the x axis's by their text.
    const ticks = await page.locator('[data-testid=chart-spectrum] .recharts-cartesian-axis-tick-value').evaluateAll((ts) => ts.map((t) => t.textContent));
    expect(ticks.filter((t) => t?.endsWith('%'))).toEqual(['0%', '90%', '99%', '99.9%']);
    await shoot('distribution');
  });
});

describe('latency over time', () => {
  it('draws per-second p99 lines and marks every GC pause', async () => {
    await open('#view=latency&scenario=ingest&rep=0', '[data-testid=chart-latency-time] .recharts-line-curve');
    expect(await page.locator('[data-testid=chart-latency-time] path.recharts-line-curve').count()).toBe(3);
    const pauses = ['node', 'go'].flatMap((p) => measurementsOf(latest(), 'ingest', p).find((m) => m.repetition === 0)!.runtime!.pauses);
    expect(await page.locator('[data-testid=chart-latency-time] .recharts-scatter-symbol').count()).toBe(pauses.length);
    const node = measurementsOf(latest(), 'ingest', 'node').find((m) => m.repetition === 0)!;
    expect(await text('[data-testid=pause-table] [data-row=node]')).toContain(formatDuration(node.runtime!.pause_total_us));
    await shoot('latency-over-time');
  });
});

describe('memory over time', () => {
  it('draws an RSS line per processor with the seeded steady RSS', async () => {
    await open('#view=memory&scenario=reads&rep=1', '[data-testid=chart-memory-time] .recharts-line-curve');
    expect(await page.locator('[data-testid=chart-memory-time] path.recharts-line-curve').count()).toBe(3);
    const rust = measurementsOf(latest(), 'reads', 'rust').find((m) => m.repetition === 1)!;
    expect(await text('[data-testid=memory-table] [data-row=rust] [data-cell=steady_rss]')).toBe(formatBytes(rust.resources!.steady_rss_bytes));
    await shoot('memory-over-time');
  });
});

describe('trends', () => {
  it('draws p99, throughput and RSS over all runs and marks the seeded node regression', async () => {
    await open('#view=trends&scenario=ingest', '[data-testid=chart-trend-p99_us] .recharts-line-curve');
    for (const metric of ['p99_us', 'capacity_events_per_s', 'steady_rss_bytes']) {
      expect(await page.locator(`[data-testid=chart-trend-${metric}] path.recharts-line-curve`).count()).toBe(3);
    }
    expect(await page.locator('[data-testid=chart-trend-p99_us] .recharts-line-dots circle').count()).toBe(3 * runs.length);
    const flagged = await page.locator('[data-testid=regression-table] tr.regression').allInnerTexts();
    expect(flagged.some((row) => row.includes('synthetic-000005') && row.includes('node') && row.includes('p99'))).toBe(true);
    await shoot('trends');
  });

  it('narrows to one branch', async () => {
    await open('#view=trends&scenario=ingest&branch=feat%2Farena', '[data-testid=view-trends]');
    expect(await page.locator('[data-testid=view-trends] > [data-testid=empty]').innerText()).toContain('npm run bench');
  });
});

describe('compare', () => {
  it('colours the slowed-down processor red and the slimmer one green', async () => {
    await open(`#view=compare&a=${COMPARE_PAIR[0]}&b=${COMPARE_PAIR[1]}&scenario=ingest`, '[data-testid=compare-table]');
    await page.waitForSelector('[data-testid=chart-compare] .recharts-bar-rectangle path');
    const nodeP99 = page.locator('[data-row="ingest/node"] [data-cell=p99]');
    expect(await nodeP99.getAttribute('data-verdict')).toBe('regression');
    expect(await nodeP99.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(220, 38, 38)');
    // The first of the pair had rust at 60% of its usual RSS, so the second looks like a memory regression against it.
    expect(await page.locator('[data-row="ingest/rust"] [data-cell=steady_rss]').getAttribute('data-verdict')).toBe('regression');
    const fills = await page.$$eval('[data-testid=chart-compare] .recharts-bar-rectangle path', (ps) => ps.map((p) => p.getAttribute('fill')));
    expect(fills).toContain('#dc2626');
    await shoot('compare');
  });

  it('swaps the runs from the pickers and updates the URL', async () => {
    await page.selectOption('[data-testid=pick-a]', COMPARE_PAIR[1]);
    await page.selectOption('[data-testid=pick-b]', COMPARE_PAIR[0]);
    await page.waitForFunction(([a, b]) => location.hash.includes(`a=${a}`) && location.hash.includes(`b=${b}`), [COMPARE_PAIR[1], COMPARE_PAIR[0]] as const);
    await page.waitForSelector('[data-row="ingest/node"] [data-cell=p99][data-verdict=improvement]');
  });
});

describe('claims', () => {
  it('tells the user the command when a run has no verdicts', async () => {
    await open('#view=claims&run=synthetic-000005', '[data-testid=view-claims]');
    expect(await page.locator('[data-testid=empty]').innerText()).toContain('harness -- claims synthetic-000005');
  });

  it('lists the verdicts of an evaluated run', async () => {
    await open('#view=claims&run=synthetic-000004', '[data-testid=claims-table]');
    expect(await page.locator('[data-testid=claims-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-verdict')))).toEqual([
      'supported', 'refuted', 'inconclusive',
    ]);
    expect(await text('[data-testid=claims-table] tbody tr')).toContain('[0.640 – 0.800]');
    expect(await text('[data-testid=view-claims] h3')).toContain('ADR-7');
    await shoot('claims');
  });
});

describe('navigation', () => {
  it('switches views from the bar, keeps the selection in the URL, and goes back', async () => {
    await open('#view=overview&run=synthetic-000003&scenario=reads', '[data-testid=chart-latency] .recharts-bar-rectangle path');
    await page.click('nav button[data-view=distribution]');
    await page.waitForSelector('[data-testid=chart-spectrum] .recharts-line-curve');
    expect(new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('run')).toBe('synthetic-000003');
    expect(await page.locator('[data-testid=run-header]').innerText()).toContain('synthetic-000003');
    await page.goBack();
    await page.waitForSelector('[data-testid=view-overview]');
  });

  it('picks another run from the run picker', async () => {
    await page.selectOption('[data-testid=pick-run]', 'synthetic-000001');
    await page.waitForFunction(() => location.hash.includes('run=synthetic-000001'));
    await page.waitForSelector('[data-testid=run-header] >> text=synthetic-000001');
  });
});

describe('bad input', () => {
  it('shows an error state for a run id that is not one, and the API answers 400', async () => {
    await open('#view=overview&run=..%2F..%2Fetc%2Fpasswd', '[data-testid=error]');
    expect(await page.locator('[data-testid=error]').innerText()).toContain('not a run id');
    const res = await fetch(`${server.url}/api/runs/..%2F..%2Fetc%2Fpasswd`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ parameter: 'run' });
    await shoot('error-bad-run');
  });

  it('shows an error state for an unknown view', async () => {
    await open('#view=flamegraph', '[data-testid=error]');
    expect(await page.locator('[data-testid=error]').innerText()).toContain('unknown view "flamegraph"');
  });

  it('shows an error state for a scenario the run does not have', async () => {
    await open('#view=distribution&scenario=nope', '[data-testid=error]');
    expect(await page.locator('[data-testid=error]').innerText()).toContain('no scenario "nope"');
  });

  it('answers 400 for a malformed histogram query', async () => {
    const res = await fetch(`${server.url}/api/histogram?run=synthetic-000001&scenario=ingest&processor=go&which=median`);
    expect(res.status).toBe(400);
  });
});

describe('empty store', () => {
  it('tells the user to run the benchmark', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'dash-empty-'));
    const other = await startSeededDashboard(empty);
    try {
      await page.goto(`${other.url}/`);
      await page.waitForSelector('[data-testid=empty]');
      expect(await page.locator('[data-testid=empty]').innerText()).toContain('npm run bench');
    } finally {
      await other.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('the page itself', () => {
  it('raised no uncaught errors in any view', () => {
    expect(pageErrors).toEqual([]);
  });
});
