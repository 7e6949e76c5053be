// `npm run bench:gate`: proof that the gate works, on this machine (a benchmark: run it on a quiet
// machine, never inside the tests).
//   real (default): quick-profile runs of one processor and scenario, gated with the gate's
//     defaults: 40 A/A pairs of the same build → false alarms; 20 pairs per injected arm (the
//     processor's INJECT_DELAY_US knob, recorded in provenance.injected), sized from calibration
//     runs (proof-arms.ts): +10% CPU per request, detected on the CPU metric, and a delay that
//     moves clean p99 by +20%, detected on p99_clean; every rate with a Wilson interval, and σ of
//     the paired log-ratio per metric so a reader can size their own gate.
//   --from <folder>: the runs of an earlier proof tallied again with this commit's gate (no measuring).
//   --simulate: the same gate on a noise model (proof-simulate.ts), over thousands of pairs,
//     labelled SIMULATION in the output.
// Runs are interleaved (A, B, then each injected size) so drift hits every arm alike.
import { execFile } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { METRICS, type MetricId } from '../compare/metrics.ts';
import { unitsOf } from '../compare/units.ts';
import { readRunDir } from '../results/read-run.ts';
import type { RunRecord } from '../results/schema.ts';
import { mean, median, variance } from '../stats/describe.ts';
import { gate, GATE_RULES, type GateRule } from './evaluate.ts';
import { parseLimits } from './limits.ts';
import { cleanP99Ratio, cpuArmDelayUs, p99ArmCandidates } from './proof-arms.ts';
import { coverageByMethod, simulatePairs } from './proof-simulate.ts';
import { formatRate, pairedSigmas, tally, wilson } from './proof-tally.ts';

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
    // The bar: at least 40 A/A pairs (false alarms ≤ 5%) and 20 pairs per injected arm.
    pairs: { type: 'string', default: '40' },
    'arm-pairs': { type: 'string', default: '20' },
    processor: { type: 'string', default: 'go' },
    scenario: { type: 'string', default: 'ingest' },
    'inject-var': { type: 'string', default: 'INJECT_DELAY_US' },
    // auto: sized from the calibration runs (proof-arms.ts); a number fixes the delay in µs.
    'inject-cpu-us': { type: 'string', default: 'auto' },
    'inject-p99-us': { type: 'string', default: 'auto' },
    'calibration-runs': { type: 'string', default: '3' },
    limits: { type: 'string', default: 'p99=+10%,p99_clean=+10%,cpu=+5%' },
    confidence: { type: 'string', default: '0.95' },
    // The gate's rule the pairs are judged by (gate/evaluate.ts); the gate's default unless given.
    rule: { type: 'string', default: 'ci-beyond-limit' },
    results: { type: 'string', default: path.join(os.tmpdir(), 'harness-gate-proof') },
    // Tally the runs of an earlier proof (its folder, e.g. /tmp/harness-gate-proof/<stamp>) with
    // this commit's gate, without measuring again: for a change to the statistics, not the runs.
    from: { type: 'string' },
    'run-args': { type: 'string', default: '' },
  },
}));

const pairs = Number(args.pairs);
const armPairs = Math.min(pairs, Number(args['arm-pairs']));
const confidence = Number(args.confidence);
const rule = parseOrExplain(() => {
  if (!(GATE_RULES as readonly string[]).includes(args.rule!)) throw new Error(`--rule must be one of ${GATE_RULES.join(', ')}, not "${args.rule}"`);
  return args.rule as GateRule;
});

function simulate(): void {
  // The model has a p99 only: the other metrics' rows would sit in the Holm family unchanged.
  const limits = 'p99=+10%';
  const out: string[] = [
    '## Gate proof: SIMULATION (noise model, not measurements)',
    '',
    `${2000} simulated pairs per cell, limit ${limits}, ${Math.round(confidence * 100)}% intervals, the gate's defaults (rounds paired when they match). σ = spread of log p99: within a run (between repetitions), between runs, and shared by round j of both runs of a pair (what pairing cancels).`,
    '',
    '| reps per run | baseline runs | σ within | σ between | σ shared | rule | A/A false alarms | +20% p99 detected | smallest effect detected ≥ 90% |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const designs = [
    { repetitions: 3, baseline_runs: 1 },
    { repetitions: 3, baseline_runs: 5 },
    { repetitions: 5, baseline_runs: 1 },
  ];
  const noises = [
    [0.03, 0, 0], [0.03, 0.05, 0], [0.06, 0, 0], [0.06, 0.05, 0], [0.1, 0, 0], [0.1, 0.05, 0], [0.1, 0, 0.5], [0.1, 0, 0.7],
  ] as const;
  for (const { repetitions, baseline_runs } of designs) {
    for (const [sigma_within, sigma_between, sigma_shared] of noises) {
      for (const rule of GATE_RULES) {
        const noise = { sigma_within, sigma_between, sigma_shared, repetitions };
        const common = { noise, pairs: 2000, limits, rule, confidence, baseline_runs };
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
        out.push(`| ${repetitions} | ${baseline_runs} | ${sigma_within} | ${sigma_between} | ${sigma_shared} | ${rule} | ${((100 * aa.exit1) / aa.pairs).toFixed(1)}% | ${((100 * ab.metric_flagged) / ab.pairs).toFixed(1)}% | ${smallest} |`);
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

/** Pooled within-run sd of the log of a metric over the usable repetitions (the unpaired noise). */
function withinSigma(runs: readonly RunRecord[], metric: MetricId): number {
  const def = METRICS[metric];
  const logs = runs
    .map((r) => unitsOf([r], args.scenario!, args.processor!, { metric: def }).measurements.flatMap((m) => {
      const v = def.source === 'measurement' ? def.value(m) : null;
      return v !== null && v > 0 ? [Math.log(v)] : [];
    }))
    .filter((xs) => xs.length >= 2);
  return logs.length ? Math.sqrt(mean(logs.map(variance))) : Number.NaN;
}

async function calibrate(root: string): Promise<{ cpu_us: string; p99_us: string; lines: string[] }> {
  const lines: string[] = [];
  const fixedCpu = args['inject-cpu-us'] !== 'auto';
  const fixedP99 = args['inject-p99-us'] !== 'auto';
  if (fixedCpu && fixedP99) return { cpu_us: args['inject-cpu-us']!, p99_us: args['inject-p99-us']!, lines };
  const reference: RunRecord[] = [];
  for (let i = 0; i < Number(args['calibration-runs']); i++) reference.push(await runInto(path.join(root, 'calibration'), undefined, `calibration ${i + 1}`));
  const auto = cpuArmDelayUs(reference, args.scenario!, args.processor!);
  if (!fixedCpu && auto === null) throw new Error('calibration: the runs have no CPU per event figure to size the cpu arm from; pass --inject-cpu-us');
  const cpu_us = fixedCpu ? args['inject-cpu-us']! : String(auto);
  lines.push(`Calibration (${reference.length} runs without injection): cpu arm ${args['inject-var']}=${cpu_us} µs${fixedCpu ? ' (given)' : ' = 10% of the CPU time per request'}.`);
  if (fixedP99) return { cpu_us, p99_us: args['inject-p99-us']!, lines };
  for (const us of p99ArmCandidates(Number(cpu_us))) {
    const tried = [await runInto(path.join(root, 'calibration'), String(us), `calibration +${us} µs`), await runInto(path.join(root, 'calibration'), String(us), `calibration +${us} µs`)];
    const ratio = cleanP99Ratio(tried, reference, args.scenario!, args.processor!);
    lines.push(`p99 arm calibration: ${us} µs moved clean p99 ×${ratio === null ? '–' : ratio.toFixed(2)}.`);
    if (ratio !== null && ratio >= 1.2) return { cpu_us, p99_us: String(us), lines };
  }
  throw new Error(`calibration: no delay up to ${p99ArmCandidates(Number(cpu_us)).at(-1)} µs moved clean p99 by +20% (${lines.join(' ')}); pass --inject-p99-us`);
}

interface ProofRuns {
  root: string;
  calibration: string[];
  arms: { label: string; inject: string; target: MetricId }[];
  A: RunRecord[];
  B: RunRecord[];
  C: RunRecord[][];
}

function armsOf(cpu_us: string, p99_us: string): ProofRuns['arms'] {
  return [
    { label: `cpu arm ${args['inject-var']}=${cpu_us}`, inject: cpu_us, target: 'cpu_per_million_events' },
    { label: `p99 arm ${args['inject-var']}=${p99_us}`, inject: p99_us, target: 'p99_clean' },
  ];
}

/** Now as a folder or file name: 20261201T151148382Z. */
const stampNow = () => new Date().toISOString().replace(/[-:.]/g, '');

async function measure(): Promise<ProofRuns> {
  const root = path.join(args.results!, stampNow());
  const { cpu_us, p99_us, lines: calibration } = await calibrate(root);
  const arms = armsOf(cpu_us, p99_us);
  const A: RunRecord[] = [];
  const B: RunRecord[] = [];
  const C = arms.map(() => [] as RunRecord[]);
  // Interleaved, so drift hits every arm alike; the arms stop after --arm-pairs.
  for (let i = 0; i < pairs; i++) {
    A.push(await runInto(path.join(root, 'a'), undefined, `pair ${i + 1}/${pairs} A`));
    B.push(await runInto(path.join(root, 'b'), undefined, `pair ${i + 1}/${pairs} A′`));
    if (i < armPairs) for (const [k, arm] of arms.entries()) C[k]!.push(await runInto(path.join(root, `inject-${arm.inject}`), arm.inject, `pair ${i + 1}/${armPairs} ${arm.label}`));
  }
  return { root, calibration, arms, A, B, C };
}

async function runsIn(dir: string): Promise<RunRecord[]> {
  const ids = (await readdir(dir).catch(() => [] as string[])).sort();
  return Promise.all(ids.map((id) => readRunDir(path.join(dir, id))));
}

/** An earlier proof's runs, read back: the arms from its inject-<µs> folders (the cpu arm's delay is the smaller). */
async function readProof(root: string): Promise<ProofRuns> {
  const delays = (await readdir(root)).flatMap((d) => (/^inject-\d+$/.test(d) ? [d.slice('inject-'.length)] : [])).sort((x, y) => Number(x) - Number(y));
  if (delays.length !== 2) throw new Error(`${root}: expected two inject-<µs> folders (the cpu and p99 arms), found ${delays.length}`);
  const arms = armsOf(delays[0]!, delays[1]!);
  const [A, B, ...C] = await Promise.all([runsIn(path.join(root, 'a')), runsIn(path.join(root, 'b')), ...arms.map((arm) => runsIn(path.join(root, `inject-${arm.inject}`)))]);
  if (A!.length === 0 || A!.length !== B!.length) throw new Error(`${root}: ${A!.length} A runs and ${B!.length} A′ runs; a proof folder has as many of each`);
  const calibration = [`Runs measured earlier (${A![0]!.manifest.started_at} to ${C.flat().concat(B!).map((r) => r.manifest.started_at).sort().at(-1)}), tallied again with this commit's gate (\`--from\`); cpu arm ${args['inject-var']}=${delays[0]} µs, p99 arm ${delays[1]} µs, as calibrated then.`];
  return { root, calibration, arms, A: A!, B: B!, C };
}

async function real(): Promise<void> {
  const parsed = parseLimits(args.limits!);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const { root, calibration, arms, A, B, C } = args.from ? await readProof(args.from) : await measure();
  const gateAll = (cand: RunRecord[]) => cand.map((c, i) => gate([A[i]!], c, parsed.limits, { confidence, rule }));
  const aa = gateAll(B);
  const armResults = C.map(gateAll);
  const lines: string[] = [
    `## Gate proof: ${args.from ? 'runs measured earlier on this machine, tallied' : 'measured'} on ${os.hostname()} (${os.cpus().length} cores), ${new Date().toISOString()}`,
    '',
    `\`npm run bench:gate -- ${process.argv.slice(2).join(' ')}\`: ${A.length} A/A pairs and ${Math.min(...C.map((c) => c.length))} pairs per injected arm of quick-profile runs of ${args.processor}/${args.scenario}; limits ${args.limits}; rule ${rule}; ${Math.round(confidence * 100)}% intervals, the gate's defaults (rounds paired, method by number of pairs, Holm over every row). Runs in ${root}.`,
    '',
    ...calibration,
    '',
  ];
  const all = [A, B, ...C].flat();
  const metrics = parsed.limits.map((l) => l.metric);
  const total = all.reduce((n, r) => n + r.measurements.length, 0);
  const setAside = metrics.map((metric) => `${metric} ${all.reduce((n, r) => n + unitsOf([r], args.scenario!, args.processor!, { metric: METRICS[metric] }).excluded.length, 0)}`);
  lines.push(`Repetitions set aside (failed or driver-limited for the metric, as the gate does), of ${total}: ${setAside.join(', ')}.`, '');
  lines.push('| pair kind | target metric | its change (median over pairs) | gate exit 1 | target flagged | no verdict (exit 2) |', '|---|---|---|---|---|---|');
  const changeOf = (results: ReturnType<typeof gateAll>, metric: MetricId) => {
    const xs = results.flatMap((r) => (r.kind === 'result' ? r.rows.filter((x) => x.metric === metric && x.ratio.kind === 'interval').map((x) => (x.ratio.kind === 'interval' ? x.ratio.estimate - 1 : 0)) : []));
    return xs.length ? `${(median(xs) * 100).toFixed(1)}%` : '–';
  };
  const row = (label: string, results: ReturnType<typeof gateAll>, target: MetricId | null) => {
    const t = tally(results, args.scenario!, args.processor!, target ?? metrics[0]!);
    lines.push(`| ${label} | ${target ?? 'any'} | ${target ? changeOf(results, target) : '–'} | ${formatRate(wilson(t.exit1, t.pairs))} | ${target ? formatRate(wilson(t.metric_flagged, t.pairs)) : '–'} | ${formatRate(wilson(t.exit2, t.pairs))} |`);
  };
  row('A/A (same build): false alarms', aa, null);
  arms.forEach((arm, k) => row(arm.label, armResults[k]!, arm.target));
  lines.push('', '| metric | σ of the paired log-ratio (per round, A/A) | rounds | σ of log value within a run (unpaired) | A/A change (median) |', '|---|---|---|---|---|');
  const sigmas = pairedSigmas(A.map((a, i) => [a, B[i]!] as const), args.scenario!, args.processor!, metrics);
  for (const metric of metrics) {
    const s = sigmas.find((x) => x.metric === metric);
    lines.push(`| ${metric} | ${s ? s.sigma.toFixed(3) : '– (no matched rounds)'} | ${s?.rounds ?? 0} | ${withinSigma([...A, ...B], metric).toFixed(3)} | ${changeOf(aa, metric)} |`);
  }
  lines.push('', 'Targets (issue "verdicts with power"): A/A false alarms ≤ 5%; cpu arm flagged on CPU per event ≥ 90%; p99 arm flagged on clean p99 ≥ 80%; no verdict ≤ 10%.');
  const text = `${lines.join('\n')}\n`;
  await writeFile(path.join(root, args.from ? `proof-${stampNow()}.md` : 'proof.md'), text);
  process.stdout.write(text);
}

if (args.simulate) simulate();
else
  await real().catch((err: unknown) => {
    process.stderr.write(`proof: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
