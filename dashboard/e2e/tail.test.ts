// "What the tail is made of", the stall and GC-cycle bands of the latency-over-time chart and the
// Overview's clean p99, in a real browser over a real run's files (e2e/fixtures/run-quick-ingest:
// a quick run of go, node, node-rust and rust, schema v2) and a v1 run beside it. Every figure
// checked here is read from the run's files, not from the app's own shaping code. Screenshots:
// e2e/artifacts/{tail,latency-bands,overview-clean}.png (and screenshots/ with UPDATE_SCREENSHOTS=1).
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../harness/src/report/html.ts';
import { runDir } from '../../harness/src/results/layout.ts';
import { readRunDir } from '../../harness/src/results/read-run.ts';
import type { Measurement, RunRecord } from '../../harness/src/results/schema.ts';
import { syntheticRun } from '../../harness/src/results/synthetic.ts';
import { writeRunDir } from '../../harness/src/results/write-run.ts';
import type { DashboardServer } from '../../harness/src/serve/server.ts';
import { figureOf } from '../../harness/src/compare/figure.ts';
import { formatDuration } from '../src/format/duration.ts';
import { formatShare } from '../src/format/quantity.ts';
import { REAL_RUN_DIR, REAL_RUN_ID } from '../src/shape/fixtures.ts';
import { launchWithPage, type Browser } from './browser.ts';
import { saveScreenshot } from './screenshot.ts';
import { startSeededDashboard } from './dashboard-server.ts';

const V1_RUN_ID = 'synthetic-000041';
const CAUSES = ['platform_processor_cpu', 'platform_driver_cpu', 'runtime_pause', 'gc_cycle', 'driver_lag', 'queued', 'unexplained'] as const;

let root: string;
let real: RunRecord;
let server: DashboardServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

const ofProcessor = (processor: string) => real.measurements.filter((m) => m.scenario === 'ingest' && m.processor === processor && m.status === 'ok');
const text = (selector: string) => page.locator(selector).first().innerText();
const interval = (p: { value_us: number; lo_us: number | null; hi_us: number | null }) =>
  `${formatDuration(p.value_us)} [${p.lo_us === null ? '?' : formatDuration(p.lo_us)} – ${p.hi_us === null ? '?' : formatDuration(p.hi_us)}]`;

async function open(hash: string, ready: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector(ready, { timeout: 30_000 });
}

async function shoot(name: string): Promise<void> {
  await saveScreenshot(page, name);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dash-tail-'));
  // A copy: the file store may write its series index into a run folder.
  await cp(REAL_RUN_DIR, runDir(root, REAL_RUN_ID), { recursive: true });
  real = await readRunDir(runDir(root, REAL_RUN_ID));
  // A run as schema v1 wrote it: no stalls, tail, clean figures or GC cycles.
  const old = syntheticRun({ seed: 41, samples_per_phase: 200, repetitions: 2 });
  old.manifest.schema_version = 1;
  for (const m of old.measurements) m.schema_version = 1;
  for (const c of old.capacity) c.schema_version = 1;
  await writeRunDir(runDir(root, V1_RUN_ID), old);
  server = await startSeededDashboard(root);
  ({ browser, page, pageErrors } = await launchWithPage({ width: 1400, height: 900 }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('what the tail is made of', () => {
  const tailView = `#view=tail&run=${REAL_RUN_ID}&scenario=ingest`;

  it('draws a stacked bar per processor for p99 and for p99.9', async () => {
    await open(tailView, '[data-testid=chart-tail] .recharts-bar-rectangle');
    // recharts 3 draws tick labels in a layer of their own: tell the category axis' by their text.
    const ticks = await page.locator('[data-testid=chart-tail] .recharts-cartesian-axis-tick-value').evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));
    const labels = ticks.filter((t) => / p99(\.9)?$/.test(t));
    expect(labels).toEqual(real.manifest.processors.flatMap((p) => [`${p.name} p99`, `${p.name} p99.9`]));
    // One segment per cause with requests in it (recharts leaves empty segments out).
    const segments = real.manifest.processors.reduce((n, p) => {
      const reps = ofProcessor(p.name);
      return n + (['p99', 'p999'] as const).reduce((k, level) => k + CAUSES.filter((c) => reps.some((m) => m.tail![level].counts[c] > 0)).length, 0);
    }, 0);
    expect(await page.locator('[data-testid=chart-tail] .recharts-bar-rectangle path').count()).toBe(segments);
  });

  it('gives the pooled counts of every cause on hover', async () => {
    const tick = page.locator('[data-testid=chart-tail] .recharts-cartesian-axis-tick-value', { hasText: /^node p99$/ });
    const box = (await tick.boundingBox())!;
    // Into the plot, at the bar's height: the category axis' band under the pointer picks the bar.
    const chart = (await page.locator('[data-testid=chart-tail] .recharts-wrapper').boundingBox())!;
    await page.mouse.move(chart.x + chart.width * 0.6, box.y + box.height / 2);
    const tooltip = page.locator('[data-testid=tail-tooltip]');
    await tooltip.waitFor();
    const reps = ofProcessor('node');
    const slow = reps.reduce((s, m) => s + m.tail!.p99.slow, 0);
    expect(await tooltip.innerText()).toContain(`node p99: ${slow} slow requests`);
    for (const c of CAUSES) {
      const count = reps.reduce((s, m) => s + m.tail!.p99.counts[c], 0);
      expect(await tooltip.locator(`[data-cause=${c}] [data-cell=count]`).innerText()).toBe(String(count));
      expect(await tooltip.locator(`[data-cause=${c}] [data-cell=share]`).innerText()).toBe(formatShare(count / slow));
    }
  });

  it('shows raw and clean p99 (the figure report prints: geometric mean over repetitions) and the pooled slow counts beside the bars', async () => {
    for (const { name } of real.manifest.processors) {
      const reps = ofProcessor(name);
      const row = `[data-testid=tail-figures-table] [data-row="${name}"]`;
      expect(await text(`${row} [data-cell=p99]`)).toContain(formatDuration(figureOf('p99', reps).value!));
      expect(await text(`${row} [data-cell=p99_clean]`)).toContain(formatDuration(figureOf('p99_clean', reps).value!));
      expect(await text(`${row} [data-cell=p99_clean]`)).toMatch(/\[.+ – .+\]/);
      expect(await text(`${row} [data-cell=slow_p99]`)).toBe(String(reps.reduce((s, m) => s + m.tail!.p99.slow, 0)));
      expect(await text(`${row} [data-cell=slow_p999]`)).toBe(String(reps.reduce((s, m) => s + m.tail!.p999.slow, 0)));
    }
  });

  it('lists every repetition with its order-statistic intervals and its p99 causes', async () => {
    for (const m of real.measurements) {
      const row = `[data-testid=tail-repetition-table] [data-row="${m.processor}/${m.repetition}"]`;
      expect(await text(`${row} [data-cell=p99]`)).toBe(interval(m.raw_intervals!.p99!));
      expect(await text(`${row} [data-cell=p99_clean]`)).toBe(interval(m.clean!.p99!));
      expect(await text(`${row} [data-cell=set_aside]`)).toBe(formatShare(m.clean!.set_aside_share));
      for (const c of CAUSES) expect(await text(`${row} [data-cell=${c}]`)).toBe(String(m.tail!.p99.counts[c]));
    }
    await shoot('tail');
  });

  it('says "not recorded (v1 run)" for a run written before the tail was attributed', async () => {
    await open(`#view=tail&run=${V1_RUN_ID}&scenario=ingest`, '[data-testid=view-tail]');
    expect(await text('[data-testid=tail-not-recorded]')).toContain('not recorded (v1 run)');
  });
});

describe('stall and GC-cycle bands over the latency', () => {
  const latencyView = `#view=latency&run=${REAL_RUN_ID}&scenario=ingest&rep=2`;
  const rep2 = (processor: string) => real.measurements.find((m) => m.processor === processor && m.repetition === 2)!;
  // The collector's cycles during the load (from the start of warmup to the end of the measure phase).
  const cyclesOf = (m: Measurement) => {
    const load_s = m.phases.reduce((s, p) => s + p.duration_s, 0);
    return m.gc_cycles!.filter((c) => c.start_s + c.duration_us / 1e6 > 0 && c.start_s < load_s);
  };

  it('draws a lane per processor and kind, holding every stall and GC cycle of the repetition', async () => {
    await open(latencyView, '[data-testid=band-lanes] rect.band');
    expect(await page.locator('[data-testid=chart-latency-time] path.recharts-line-curve').count()).toBe(real.manifest.processors.length);
    for (const { name } of real.manifest.processors) {
      const m = rep2(name);
      const roleCpus = (role: string) => m.platform!.cpus.filter((c) => c.role === role).map((c) => c.cpu);
      const count = async (lane: string) => Number(await page.locator(`[data-lane="${lane}"]`).getAttribute('data-count'));
      expect(await count(`${name}/stall_processor_cpu`)).toBe(m.platform!.stalls.filter((s) => roleCpus('processor').includes(s.cpu)).length);
      expect(await count(`${name}/stall_driver_cpu`)).toBe(m.platform!.stalls.filter((s) => roleCpus('driver').includes(s.cpu)).length);
      for (const kind of new Set(cyclesOf(m).map((c) => c.kind))) {
        expect(await count(`${name}/gc/${kind}`)).toBe(cyclesOf(m).filter((c) => c.kind === kind).length);
      }
    }
    expect(await page.locator('[data-lane^="rust/gc"]').count()).toBe(0);
    expect(await text('[data-testid=chart-latency-time] .note')).toContain('GC cycles of rust: no collector');
  });

  it('names each band\u2019s figures on hover and shades its span over the lines', async () => {
    const go = rep2('go');
    const first = [...cyclesOf(go)].sort((a, b) => a.start_s - b.start_s)[0]!;
    const band = page.locator(`[data-lane="go/gc/${first.kind}"] rect.band`).first();
    expect(await band.locator('title').textContent()).toContain(`go: GC cycle (${first.kind}), ${first.start_s.toFixed(3)}–`);
    const shades = await page.locator('[data-testid=band-lanes] > rect').count();
    await band.hover();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=band-lanes] > rect').length === n + 1, shades);
  });

  it('shows the recorder\u2019s own counts per processor in the table below', async () => {
    for (const { name } of real.manifest.processors) {
      const m = rep2(name);
      const procStalls = m.platform!.cpus.filter((c) => c.role === 'processor').reduce((s, c) => s + c.stalls, 0);
      expect(await text(`[data-testid=platform-table] [data-row="${name}"] [data-cell=stalls_processor_cpu]`)).toMatch(new RegExp(`^${procStalls} `));
      const gc = await text(`[data-testid=platform-table] [data-row="${name}"] [data-cell=gc]`);
      const cycles = cyclesOf(m);
      expect(gc).toBe(m.runtime!.collector ? `${cycles.length}, ${formatDuration(cycles.reduce((s, c) => s + c.duration_us, 0))}` : 'no collector');
    }
    await shoot('latency-bands');
  });

  it('hides and shows a kind of band from the legend', async () => {
    await page.locator('[data-testid=band-toggles] [data-kind=gc] input').uncheck();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=band-lanes] [data-kind=gc]').length === 0);
    expect(await page.locator('[data-testid=band-lanes] [data-kind=stall_processor_cpu]').count()).toBe(real.manifest.processors.length);
    await page.locator('[data-testid=band-toggles] [data-kind=gc] input').check();
    await page.waitForSelector('[data-testid=band-lanes] [data-kind=gc]');
  });

  it('says "not recorded (v1 run)" and draws no lanes for a run written before stalls were recorded', async () => {
    await open(`#view=latency&run=${V1_RUN_ID}&scenario=ingest`, '[data-testid=chart-latency-time] .recharts-line-curve');
    expect(await page.locator('[data-testid=band-lanes]').count()).toBe(0);
    expect(await text('[data-testid=chart-latency-time] .note')).toContain('platform stalls of node, go, rust: not recorded (v1 run)');
  });
});

describe('clean p99 in the Overview', () => {
  it('shows the clean p99 figure beside the raw one, and a third bar per processor', async () => {
    await open(`#view=overview&run=${REAL_RUN_ID}&scenario=ingest`, '[data-testid=overview-table]');
    for (const { name } of real.manifest.processors) {
      const clean = figureOf('p99_clean', ofProcessor(name)).value!;
      expect(await text(`[data-row="ingest/${name}"] [data-cell=p99_clean]`)).toContain(formatDuration(clean));
    }
    await page.waitForSelector('[data-testid=chart-latency] .recharts-bar-rectangle path');
    expect(await page.locator('[data-testid=chart-latency] .recharts-bar-rectangle path').count()).toBe(3 * real.manifest.processors.length);
    await shoot('overview-clean');
  });

  it('says "not recorded (v1 run)" for a v1 run and keeps its two bars', async () => {
    await open(`#view=overview&run=${V1_RUN_ID}&scenario=ingest`, '[data-testid=chart-latency] .recharts-bar-rectangle path');
    expect(await text('[data-row="ingest/go"] [data-cell=p99_clean]')).toBe('not recorded (v1 run)');
    expect(await page.locator('[data-testid=chart-latency] .recharts-bar-rectangle path').count()).toBe(6);
  });
});

describe('the HTML report', () => {
  it('carries the tail view with the same figures, from file://', async () => {
    const file = path.join(root, 'report.html');
    await writeFile(file, await renderHtmlReport(real));
    const report = await browser.context.newPage();
    report.on('pageerror', (e) => pageErrors.push(String(e)));
    await report.goto(`${pathToFileURL(file).href}#view=tail&scenario=ingest`);
    await report.waitForSelector('[data-testid=chart-tail] .recharts-bar-rectangle');
    const go = real.measurements.find((m) => m.processor === 'go' && m.repetition === 0)!;
    expect(await report.locator('[data-testid=tail-repetition-table] [data-row="go/0"] [data-cell=p99_clean]').innerText()).toBe(interval(go.clean!.p99!));
    await report.goto(`${pathToFileURL(file).href}#view=latency&scenario=ingest&rep=1`);
    await report.waitForSelector('[data-testid=band-lanes] rect.band');
    await report.close();
  });
});

describe('the page itself', () => {
  it('raised no uncaught errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
