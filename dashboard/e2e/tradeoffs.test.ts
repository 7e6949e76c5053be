// The Trade-offs view in a real browser, over a real (short) `harness tradeoffs` run of the tiny
// fixture processor: the table shows the figures that run measured, the build chart draws, and
// the self-contained HTML report carries the same table. Screenshot: e2e/artifacts/tradeoffs.png
// (and screenshots/ with UPDATE_SCREENSHOTS=1).
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../harness/src/report/html.ts';
import type { TradeoffsResult } from '../../harness/src/results/tradeoffs-schema.ts';
import { syntheticRun } from '../../harness/src/results/synthetic.ts';
import type { DashboardServer } from '../../harness/src/serve/server.ts';
import { tinyRepo, type TinyRepo } from '../../harness/src/tradeoffs/fixtures/tiny-repo.ts';
import { runTradeoffs } from '../../harness/src/tradeoffs/tradeoffs.ts';
import { formatBytes } from '../src/format/bytes.ts';
import { formatDuration } from '../src/format/duration.ts';
import { launchWithPage, type Browser } from './browser.ts';
import { saveScreenshot } from './screenshot.ts';
import { startSeededDashboard } from './dashboard-server.ts';

let repo: TinyRepo;
let result: TradeoffsResult;
let server: DashboardServer;
let empty: DashboardServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

const cellText = (row: string, cell: string) => page.locator(`[data-testid=tradeoffs-table] [data-row="${row}"] [data-cell=${cell}]`).innerText();

beforeAll(async () => {
  repo = tinyRepo();
  ({ result } = await runTradeoffs({
    repoRoot: repo.root,
    processors: ['tiny'],
    repeat: 2,
    threads: 1,
    idle_settle_ms: 50,
    safety: { threads: 1, rate_per_s: 40, seconds_per_scenario: 0.5, scenarios: ['tiny'] },
    tradeoffsRoot: repo.tradeoffsRoot,
    scenariosDir: repo.scenariosDir,
  }));
  server = await startSeededDashboard(path.join(repo.root, 'results'), undefined, repo.tradeoffsRoot);
  empty = await startSeededDashboard(path.join(repo.root, 'results'));
  ({ browser, page, pageErrors } = await launchWithPage({ width: 1400, height: 900 }));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await empty?.close();
  if (repo) await rm(repo.root, { recursive: true, force: true });
});

describe('Trade-offs view', () => {
  it('shows the figures the run measured, one row per processor', async () => {
    await page.goto(`${server.url}/#view=tradeoffs`);
    await page.waitForSelector('[data-testid=tradeoffs-table] [data-row=tiny]');
    const p = result.processors[0]!;
    if (p.cold_build.status !== 'measured' || p.incremental_build.status !== 'measured' || p.output.status !== 'measured' || p.idle_rss.status !== 'measured' || p.safety.status !== 'measured') {
      throw new Error(`the fixture run did not measure everything: ${JSON.stringify(p)}`);
    }
    expect(await cellText('tiny', 'cold_build')).toBe(formatDuration(p.cold_build.median_wall_s * 1e6));
    expect(await cellText('tiny', 'incremental_build')).toBe(formatDuration(p.incremental_build.median_wall_s * 1e6));
    expect(await cellText('tiny', 'output')).toBe(formatBytes(p.output.total_bytes));
    expect(await cellText('tiny', 'idle_rss')).toBe(formatBytes(p.idle_rss.median_bytes));
    expect(await cellText('tiny', 'dependencies')).toBe('1 / 2');
    expect(await cellText('tiny', 'safety')).toBe(`${p.safety.findings} findings`);
  });

  it('keeps the samples of a median in the cell\u2019s tooltip', async () => {
    const title = await page.locator('[data-row=tiny] [data-cell=cold_build]').getAttribute('title');
    expect(title).toMatch(/^samples: .+, .+$/);
  });

  it('states the load average before and after and the counting rules', async () => {
    const note = await page.locator('[data-testid=tradeoffs-card] .note').first().innerText();
    expect(note).toContain(`${result.noise.load_avg_before.m1} → ${result.noise.load_avg_after.m1}`);
    expect(await page.locator('[data-testid=tradeoffs-rules]').innerText()).toContain('non-blank');
  });

  it('draws a cold and an incremental bar per processor', async () => {
    await page.waitForSelector('[data-testid=chart-builds] .recharts-bar-rectangle path');
    expect(await page.locator('[data-testid=chart-builds] .recharts-bar-rectangle path').count()).toBe(2);
    await saveScreenshot(page, 'tradeoffs');
  });

  it('names the command when nothing was measured yet', async () => {
    const other = await browser.context.newPage();
    await other.goto(`${empty.url}/#view=tradeoffs`);
    await other.waitForSelector('[data-testid=view-tradeoffs] [data-testid=empty]');
    expect(await other.locator('[data-testid=empty] .command').innerText()).toBe('npm run harness -- tradeoffs');
    await other.close();
  });

  it('is in the self-contained HTML report with the same figures', async () => {
    const file = path.join(repo.root, 'report.html');
    await writeFile(file, await renderHtmlReport(syntheticRun({ seed: 31, samples_per_phase: 50, repetitions: 1 }), { tradeoffs: result }));
    const report = await browser.context.newPage();
    await report.goto(`${pathToFileURL(file).href}#view=tradeoffs`);
    await report.waitForSelector('[data-testid=tradeoffs-table] [data-row=tiny]');
    expect(await report.locator('[data-row=tiny] [data-cell=dependencies]').innerText()).toBe('1 / 2');
    await report.close();
  });

  it('raised no uncaught errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
