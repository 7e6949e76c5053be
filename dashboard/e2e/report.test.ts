// The self-contained HTML report opened from file:// in chromium: no server, and the single-run
// views still draw their charts from the embedded data.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../harness/src/report/html.ts';
import { syntheticRun } from '../../harness/src/results/synthetic.ts';
import { launchBrowser, type Browser } from './browser.ts';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

let dir: string;
let file: string;
let browser: Browser;
const requests: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dash-report-'));
  file = path.join(dir, 'report.html');
  await writeFile(file, await renderHtmlReport(syntheticRun({ seed: 21, samples_per_phase: 400 })));
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launchBrowser({ width: 1280, height: 860 });
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('HTML report from file://', () => {
  it('draws the overview charts with no network', async () => {
    const page = await browser.context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('[data-testid=chart-latency] .recharts-bar-rectangle path');
    expect(await page.locator('[data-testid=run-header]').innerText()).toContain('synthetic-000021');
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'html-report.png'), fullPage: true });
    await page.close();
  });

  it('switches to the distribution view, drawn from the embedded spectra', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${pathToFileURL(file).href}#view=distribution&scenario=reads`);
    await page.waitForSelector('[data-testid=chart-spectrum] path.recharts-line-curve');
    expect(await page.locator('[data-testid=chart-spectrum] path.recharts-line-curve').count()).toBe(6);
    await page.close();
  });

  it('offers only the views one run can fill', async () => {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('nav button');
    expect(await page.locator('nav button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-view')))).toEqual([
      'overview', 'distribution', 'tail', 'latency', 'memory', 'load', 'claims', 'tradeoffs',
    ]);
    await page.close();
  });

  it('raised no uncaught errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
