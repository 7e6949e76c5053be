// `npm run bench:gate`: proof that the gate works, on this machine.
//   real (default): quick-profile runs of one processor and scenario: A/A pairs of the same build
//     → false-alarm rate; pairs against runs with an injected per-request cost (the processor's
//     INJECT_DELAY_US knob, recorded in provenance.injected) → detection rate per injected
//     size, with the p99 increase each size actually produced; and σ_within / σ_between of log p99.
//   --simulate: the same gate on a noise model (proof-simulate.ts), over thousands of pairs,
//     labelled SIMULATION in the output.
// Runs are interleaved (A, B, then each injected size) so drift hits every arm alike.
import { execFile } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measurePhase } from '../compare/metrics.ts';
import { unitsOf } from '../compare/units.ts';
import { readRunDir } from '../results/read-run.ts';
import type { RunRecord } from '../results/schema.ts';
import { mean, median, variance } from '../stats/describe.ts';
import { gate, GATE_RULES, type GateRule } from './evaluate.ts';
import { parseLimits } from './limits.ts';
import { coverageByMethod, simulatePairs } from './proof-simulate.ts';
import { formatRate, tally, wilson } from './proof-tally.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function parseOrExplain<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    // A mistyped flag gets one line, not a stack trace (e.g. `--run-args=--repetitions 5`).
    process.stderr.write(`bench:gate: ${err instanceof Error ? err.message.split('\n')[0] : String(err)} (pass values that start with a dash as --run-args="--flag value")\n`);
    process.exit(2);
  }
}

const { values: args } = parseOrExplain(() => parseArgs({
  options: {
    simulate: { type: 'boolean', default: false },
    pairs: { type: 'string', default: '10' },
    processor: { type: 'string', default: 'go' },
    scenario: { type: 'string', default: 'ingest' },
    'inject-var': { type: 'string', default: 'INJECT_DELAY_US' },
    'inject-us': { type: 'string', default: '10,20,40,80' },
    limits: { type: 'string', default: 'p99=+10%' },
    confidence: { type: 'string', default: '0.95' },
    results: { type: 'string', default: path.join(os.tmpdir(), 'harness-gate-proof') },
    'run-args': { type: 'string', default: '' },
  },
}));

const pairs = Number(args.pairs);
const confidence = Number(args.confidence);

function simulate(): void {
  const out: string[] = [
    '## Gate proof: SIMULATION (noise model, not measurements)',
    '',
    `${2000} simulated pairs per cell, limit ${args.limits}, ${Math.round(confidence * 100)}% intervals. σ = spread of log p99: within a run (between repetitions) and between runs.`,
    '',
    '| reps per run | baseline runs | σ within | σ between | rule | A/A false alarms | +20% p99 detected | smallest effect detected ≥ 90% |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const designs = [
    { repetitions: 3, baseline_runs: 1 },
    { repetitions: 3, baseline_runs: 5 },
    { repetitions: 5, baseline_runs: 1 },
  ];
  for (const { repetitions, baseline_runs } of designs) {
    for (const sigma_within of [0.03, 0.06, 0.1]) {
      for (const sigma_between of [0, 0.05]) {
        for (const rule of GATE_RULES) {
          const noise = { sigma_within, sigma_between, repetitions };
          const common = { noise, pairs: 2000, limits: args.limits!, rule, confidence, baseline_runs };
          const aa = simulatePairs({ ...common, effect: 1, seed: 1 });
          const ab = simulatePairs({ ...common, effect: 1.2, seed: 2 });
          let smallest = '> +100%';
          for (let e = 1.05; e <= 2.0001; e += 0.05) {
            const r = simulatePairs({ ...common, effect: e, seed: 3, pairs: 500 });
            if (r.metric_flagged / r.pairs >= 0.9) {
              smallest = `+${Math.round((e - 1) * 100)}%`;
              break;
            }
          }
          out.push(`| ${repetitions} | ${baseline_runs} | ${sigma_within} | ${sigma_between} | ${rule} | ${((100 * aa.exit1) / aa.pairs).toFixed(1)}% | ${((100 * ab.metric_flagged) / ab.pairs).toFixed(1)}% | ${smallest} |`);
        }
      }
    }
  }
  out.push('', '### Coverage of a nominal 95% ratio interval (SIMULATION: log-normal repetitions, σ = 0.1, 4000 trials)', '', '| repetitions per side | t interval on logs | bootstrap over repetitions |', '|---|---|---|');
  for (const n of [3, 5, 10, 20]) {
    const c = coverageByMethod(n, 0.1, 4000, n);
    out.push(`| ${n} | ${(c.t * 100).toFixed(1)}% | ${(c.bootstrap * 100).toFixed(1)}% |`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function harnessRun(resultsDir: string, inject: string | undefined): Promise<void> {
  const extra = args['run-args']!.split(' ').filter(Boolean);
  const cli = ['--import', 'tsx', 'harness/src/main.ts', 'run', '--profile', 'quick', '--processors', args.processor!, '--scenarios', args.scenario!, '--capacity', '0', '--results', resultsDir, ...extra];
  if (inject) cli.push('--inject', `${args.processor}:${args['inject-var']}=${inject}`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, cli, { cwd: ROOT, maxBuffer: 64 * 2 ** 20 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`harness run failed (${err.code}): ${stderr.split('\n').slice(-5).join(' | ')}`));
      else resolve();
    });
  });
}

async function runInto(dir: string, inject: string | undefined, label: string): Promise<RunRecord> {
  await mkdir(dir, { recursive: true });
  const before = new Set(await readdir(dir));
  const t0 = Date.now();
  await harnessRun(dir, inject);
  const created = (await readdir(dir)).filter((d) => !before.has(d));
  if (created.length !== 1) throw new Error(`expected one new run folder in ${dir}, found ${created.length}`);
  const run = await readRunDir(path.join(dir, created[0]!));
  process.stderr.write(`proof: ${label} → ${run.manifest.run_id} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  return run;
}

/** The repetitions the gate itself uses: ok, and not driver-limited. */
function p99s(run: RunRecord): number[] {
  return unitsOf([run], args.scenario!, args.processor!).measurements.flatMap((m) => {
    const v = measurePhase(m)?.corrected.p99_us;
    return v ? [v] : [];
  });
}

/** Pooled within-run sd of log p99, and the extra between-run sd beyond what it explains. */
function noiseOf(runs: readonly RunRecord[]): { sigma_within: number; sigma_between: number } {
  const logs = runs.map((r) => p99s(r).map(Math.log)).filter((xs) => xs.length >= 2);
  const within = Math.sqrt(mean(logs.map(variance)));
  const n = mean(logs.map((xs) => xs.length));
  const betweenVar = variance(logs.map(mean)) - (within * within) / n;
  return { sigma_within: within, sigma_between: Math.sqrt(Math.max(0, betweenVar)) };
}

async function real(): Promise<void> {
  const levels = args['inject-us']!.split(',').map((s) => s.trim()).filter(Boolean);
  const parsed = parseLimits(args.limits!);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const root = path.join(args.results!, stamp);
  const A: RunRecord[] = [];
  const B: RunRecord[] = [];
  const C = new Map<string, RunRecord[]>(levels.map((l) => [l, []]));
  for (let i = 0; i < pairs; i++) {
    A.push(await runInto(path.join(root, 'a'), undefined, `pair ${i + 1}/${pairs} A`));
    B.push(await runInto(path.join(root, 'b'), undefined, `pair ${i + 1}/${pairs} A'`));
    for (const l of levels) C.get(l)!.push(await runInto(path.join(root, `inject-${l}`), l, `pair ${i + 1}/${pairs} +${l} µs`));
  }
  const lines: string[] = [
    `## Gate proof: measured on ${os.hostname()} (${os.cpus().length} cores), ${new Date().toISOString()}`,
    '',
    `${pairs} pairs of quick-profile runs of ${args.processor}/${args.scenario}; limit ${args.limits}; ${Math.round(confidence * 100)}% intervals. Runs in ${root}.`,
    '',
  ];
  const all = [A, B, ...C.values()].flat();
  const limited = all.reduce((n, r) => n + unitsOf([r], args.scenario!, args.processor!).excluded.length, 0);
  const total = all.reduce((n, r) => n + r.measurements.length, 0);
  lines.push(`Repetitions set aside (failed or driver-limited, as the gate does): ${limited} of ${total}.`, '');
  const noise = noiseOf([...A, ...B]);
  lines.push(
    Number.isFinite(noise.sigma_within)
      ? `Noise of log p99 on this machine (usable repetitions of the A and A′ runs): σ within a run ${noise.sigma_within.toFixed(3)}, σ between runs ${noise.sigma_between.toFixed(3)}.`
      : 'Noise of log p99: not enough usable repetitions to estimate it.',
    '',
  );
  lines.push('| pair kind | rule | p99 change (median over pairs) | gate exit 1 | p99 flagged | no verdict (exit 2) |', '|---|---|---|---|---|---|');
  for (const rule of GATE_RULES as readonly GateRule[]) {
    const row = (label: string, cand: RunRecord[]) => {
      const results = cand.map((c, i) => gate([A[i]!], c, parsed.limits, { rule, confidence }));
      const t = tally(results, args.scenario!, args.processor!, 'p99');
      const changes = cand.flatMap((c, i) => (p99s(c).length && p99s(A[i]!).length ? [median(p99s(c)) / median(p99s(A[i]!)) - 1] : []));
      const change = changes.length ? `${(median(changes) * 100).toFixed(1)}%` : '–';
      lines.push(`| ${label} | ${rule} | ${change} | ${formatRate(wilson(t.exit1, t.pairs))} | ${formatRate(wilson(t.metric_flagged, t.pairs))} | ${t.exit2} |`);
    };
    row('A/A (same build)', B);
    for (const l of levels) row(`${args['inject-var']}=${l}`, C.get(l)!);
  }
  const text = `${lines.join('\n')}\n`;
  await writeFile(path.join(root, 'proof.md'), text);
  process.stdout.write(text);
}

if (args.simulate) simulate();
else
  await real().catch((err: unknown) => {
    process.stderr.write(`proof: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
