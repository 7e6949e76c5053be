// The latency-against-load view in a real browser, over a REAL sweep's files (fixtures/sweep-knee:
// a short `harness sweep` of the two knee fixture processors, see fixtures/README.md): every step
// of each curve is drawn (faded where it missed the SLO, the sustainable one ringed), hovering a
// step shows its figures, the table shows the sustainable throughput the file holds, the Overview
// carries it, and the HTML report draws the same view. Screenshot: e2e/artifacts/load.png (and
// screenshots/ with UPDATE_SCREENSHOTS=1).
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../harness/src/report/html.ts';
import type { SweepResult } from '../../harness/src/results/sweep-schema.ts';
import type { DashboardServer } from '../../harness/src/serve/server.ts';
import { readSweepFile } from '../../harness/src/store/sweep-files.ts';
import { syntheticRun } from '../../harness/src/results/synthetic.ts';
import { sustainableWording } from '../../harness/src/sweep/sustainable.ts';
import { failedAtCpuShare, isUnloadedMiss } from '../../harness/src/sweep/unloaded-miss.ts';
import { formatDuration } from '../src/format/duration.ts';
import { formatRate } from '../src/format/quantity.ts';
import { launchWithPage, type Browser } from './browser.ts';
import { saveScreenshot, ARTIFACTS } from './screenshot.ts';
import { startSeededDashboard } from './dashboard-server.ts';
import { seedRuns } from './seed.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SWEEP_ID = '20261201T135010Z-unknown-a1ed';
const FIXTURE = path.join(HERE, 'fixtures', 'sweep-knee');

let root: string;
let sweep: SweepResult;
let server: DashboardServer;
let empty: DashboardServer;
let trends: DashboardServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

const processors = () => sweep.scenarios[0]!.processors;
const cell = (p: Page, row: string, name: string) => p.locator(`[data-testid=load-table] [data-row="${row}"] [data-cell=${name}]`).innerText();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'e2e-load-'));
  await cp(FIXTURE, path.join(root, 'sweeps'), { recursive: true });
  sweep = await readSweepFile(path.join(root, 'sweeps', SWEEP_ID, 'sweep.json'));
  // A run of the sweep's scenario, so the Overview has something to put the card beside.
  await seedRuns(path.join(root, 'results'), [{ seed: 7, scenarios: ['knee'], repetitions: 1, samples_per_phase: 100 }]);
  server = await startSeededDashboard(path.join(root, 'results'), undefined, undefined, path.join(root, 'sweeps'));
  empty = await startSeededDashboard(path.join(root, 'results'));
  trends = await startSeededDashboard(path.join(root, 'results'), undefined, undefined, await sweepsOverTime());
  ({ browser, page, pageErrors } = await launchWithPage({ width: 1400, height: 1000 }));
  await page.goto(`${server.url}/#view=load&sweep=${SWEEP_ID}&scenario=knee`);
  await page.waitForSelector('[data-testid=load-point]');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await empty?.close();
  await trends?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('Latency against load view', () => {
  it('draws p50, p99 and p99.9 of every curve, bisection and confirmation step of each processor', async () => {
    for (const p of processors()) {
      const steps = p.steps.filter((s) => s.stage !== 'equal-load' && s.clean?.p99);
      expect(await page.locator(`[data-testid=load-point][data-processor="${p.processor}"]`).count()).toBe(steps.length * 3);
    }
  });

  it('fades exactly the steps that missed the SLO', async () => {
    for (const p of processors()) {
      const failed = p.steps.filter((s) => s.stage !== 'equal-load' && !s.verdict.sustainable).length;
      expect(await page.locator(`[data-testid=load-point][data-processor="${p.processor}"][data-percentile=p99][data-sustainable=false]`).count()).toBe(failed);
    }
  });

  it('rings the sustainable point at the sustainable rate', async () => {
    for (const p of processors()) {
      const marked = page.locator(`[data-testid=load-point][data-processor="${p.processor}"][data-percentile=p99][data-marked=true]`);
      expect(await marked.getAttribute('data-offered')).toBe(String(p.sustainable!.rate_per_s));
    }
  });

  it('draws the SLO bound as a line', async () => {
    const slo = sweep.scenarios[0]!.slo.latency[0]!;
    expect(await page.locator('[data-testid=load-chart] .recharts-reference-line').count()).toBe(1);
    expect(await page.locator('[data-testid=load-chart]').innerText()).toContain(`SLO clean p99 ≤ ${slo.max_us} µs`);
  });

  it('shows each processor\u2019s sustainable throughput as the sweep file has it', async () => {
    for (const p of processors()) {
      const s = p.sustainable!;
      expect(await cell(page, p.processor, 'requests')).toBe(`${s.lower_bound ? '≥ ' : ''}${formatRate(s.rate_per_s, 'req/s')}`);
      expect(await cell(page, p.processor, 'events')).toBe(formatRate(s.events_per_s, 'events/s'));
      expect(await cell(page, p.processor, 'per-core')).toBe(formatRate(s.events_per_s_per_core, 'events/s'));
      // The knee fixture's step above its sustainable rate ran at 23% CPU (a 1 s step, recorded beside a test suite): marked.
      const warning = isUnloadedMiss(p) ? `\n⚠ the rate above failed at ${Math.round(failedAtCpuShare(p)! * 100)}% of the processor's budget: the latency floor of this machine or runtime, not a capacity` : '';
      expect(await cell(page, p.processor, 'wording')).toBe(sustainableWording(s) + warning);
      expect(await cell(page, p.processor, 'next-failed')).toBe(s.next_reasons.join('; '));
      expect(await cell(page, p.processor, 'of-ceiling')).toBe(`${((s.rate_per_s / p.native_ceiling!.requests_per_s) * 100).toPrecision(2)}%`);
    }
  });

  it("shows a step's rates and why it failed on hover", async () => {
    const p = processors()[0]!;
    const step = p.steps.find((s) => s.stage === 'curve' && !s.verdict.sustainable)!;
    // Dispatched, not a pointer move: the p99.9 dot can lie right over the p99 one and take the pointer.
    await page.locator(`[data-testid=load-point][data-processor="${p.processor}"][data-percentile=p99][data-stage=curve][data-offered="${step.offered_rate_per_s}"]`).first().dispatchEvent('mouseover');
    const tip = await page.waitForSelector('[data-testid=load-tooltip]');
    const text = await tip.innerText();
    expect(text.split('\n')[0]).toMatch(new RegExp(`^${p.processor} p99 \\d`));
    expect(text).toContain(`p99 clean\t${formatDuration(step.clean!.p99!.value_us)}`);
    expect(text).toContain(formatRate(step.offered_rate_per_s, 'req/s'));
    expect(text).toContain(formatRate(step.achieved_rate_per_s, 'req/s'));
    expect(text).toContain(`failed: ${step.verdict.reasons.join('; ')}`);
    await saveScreenshot(page, 'load');
  });

  it('falls back to the sweep\u2019s scenario, saying so, when the URL names one it did not measure', async () => {
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/#view=load&scenario=ingest`);
    await other.waitForSelector('[data-testid=load-point]');
    expect(await other.locator('[data-testid=load-scenario-missing]').innerText()).toBe('this sweep did not measure ingest');
    await other.close();
  });

  it('names the command when no sweep exists', async () => {
    const other = await browser.context.newPage();
    await other.goto(`${empty.url}/#view=load`);
    await other.waitForSelector('[data-testid=view-load] [data-testid=empty]');
    expect(await other.locator('[data-testid=empty] .command').innerText()).toBe('npm run harness -- sweep');
    await other.close();
  });

  it('is a 404 message, not a blank page, for a sweep id that does not exist', async () => {
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/#view=load&sweep=20990101T000000Z-nope000-0000`);
    await other.waitForSelector('[data-testid=error]');
    expect(await other.locator('[data-testid=error]').innerText()).toContain('no sweep "20990101T000000Z-nope000-0000"');
    await other.close();
  });
});

describe('Overview with a sweep of its scenario', () => {
  it("shows each processor's sustainable throughput of the newest sweep", async () => {
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/#view=overview&scenario=knee`);
    await other.waitForSelector('[data-testid=overview-sustainable] [data-row]');
    for (const p of processors()) {
      expect(await other.locator(`[data-testid=overview-sustainable] [data-row="${p.processor}"] [data-cell=requests]`).innerText()).toBe(formatRate(p.sustainable!.rate_per_s, 'req/s'));
    }
    await other.screenshot({ path: path.join(ARTIFACTS, 'overview-sustainable.png'), fullPage: true });
    await other.close();
  });
});

/**
 * Three sweeps for the Trends view: the real one and two later copies of it (new ids and start
 * times), the last with knee's sustainable throughput cut to 60%, so one point must be marked.
 */
async function sweepsOverTime(): Promise<string> {
  const dir = path.join(root, 'sweeps-over-time');
  await cp(FIXTURE, dir, { recursive: true });
  const text = await readFile(path.join(FIXTURE, SWEEP_ID, 'sweep.json'), 'utf8');
  for (const [day, cut] of [['02', false], ['03', true]] as const) {
    const copy = JSON.parse(text) as SweepResult;
    copy.id = SWEEP_ID.replace('20261201', `202612${day}`);
    copy.started_at = copy.started_at.replace('2026-12-01', `2026-12-${day}`);
    const knee = copy.scenarios[0]!.processors.find((p) => p.processor === 'knee')!;
    if (cut) {
      const k = knee.sustainable!;
      Object.assign(k, { rate_per_s: k.rate_per_s * 0.6, events_per_s: k.events_per_s * 0.6, events_per_s_per_core: k.events_per_s_per_core * 0.6 });
    }
    await mkdir(path.join(dir, copy.id), { recursive: true });
    await writeFile(path.join(dir, copy.id, 'sweep.json'), JSON.stringify(copy));
  }
  return dir;
}

describe('Trends with sweeps of the scenario', () => {
  it('draws sustainable throughput per processor over the sweeps, the drop marked', async () => {
    const other = await browser.context.newPage();
    await other.goto(`${trends.url}/#view=trends&scenario=knee`);
    await other.waitForSelector('[data-testid=chart-trend-sustainable] .recharts-line-curve');
    const chart = other.locator('[data-testid=chart-trend-sustainable]');
    expect(await chart.locator('path.recharts-line-curve').count()).toBe(processors().length);
    expect(await chart.locator('.recharts-line-dots circle').count()).toBe(3 * processors().length);
    expect(await chart.locator('.recharts-scatter-symbol').count()).toBe(1);
    await other.screenshot({ path: path.join(ARTIFACTS, 'trends-sustainable.png'), fullPage: true });
    await other.close();
  });

  it('names the sweep command when the scenario has no sweep', async () => {
    const other = await browser.context.newPage();
    await other.goto(`${empty.url}/#view=trends&scenario=knee`);
    await other.waitForSelector('[data-testid=chart-trend-sustainable] [data-testid=empty]');
    expect(await other.locator('[data-testid=chart-trend-sustainable] .command').innerText()).toBe('npm run harness -- sweep --scenarios knee');
    await other.close();
  });
});

describe('HTML report with a sweep', () => {
  it('draws the same view and table from file://', async () => {
    const file = path.join(root, 'report.html');
    await writeFile(file, await renderHtmlReport(syntheticRun({ seed: 31, samples_per_phase: 50, repetitions: 1, scenarios: ['knee'] }), { sweep }));
    const report = await browser.context.newPage();
    await report.goto(`${pathToFileURL(file).href}#view=load`);
    await report.waitForSelector('[data-testid=load-point]');
    const p = processors()[0]!;
    expect(await cell(report, p.processor, 'requests')).toBe(formatRate(p.sustainable!.rate_per_s, 'req/s'));
    await report.close();
  });
});

describe('the pages', () => {
  it('raised no uncaught errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
