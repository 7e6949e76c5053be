// `harness tradeoffs`: per processor, what it costs besides latency, every figure measured in
// this one invocation on this machine. The order, all processors interleaved in each step:
//   untimed build (downloads, toolchain version) → N × (cold build, incremental build)
//   → normal build from pristine sources → output size → N × idle RSS
//   → dependencies and lines of code (from files) → safety checker under load.
// Ctrl-C stops after the step in progress; what was measured is written, the rest is `skipped`.
import path from 'node:path';
import { buildProcessor } from '../build/index.ts';
import { ensureDriverBuilt } from '../drive/build.ts';
import { loadScenario } from '../plan/load-scenarios.ts';
import type { ScenarioSpec } from '../plan/index.ts';
import { loadManifests, type ProcessorManifest } from '../processors/index.ts';
import { LOGS_DIR, newRunId, tradeoffsDir } from '../results/layout.ts';
import {
  TRADEOFFS_SCHEMA_VERSION,
  type BuildSample,
  type ProcessorTradeoffs,
  type Safety,
  type TradeoffsOptions,
  type TradeoffsResult,
} from '../results/tradeoffs-schema.ts';
import { writeTradeoffsFile } from '../store/tradeoffs-files.ts';
import { UserError } from '../errors/user-error.ts';
import { loadVectors } from '../verify/load-vectors.ts';
import { BUILD_RULE, buildRepetition } from './builds.ts';
import { DEPENDENCY_RULES } from './deps/index.ts';
import { buildFigure, codeFigure, dependencyFigure, idleFigure, incrementalFigure, NO_SECTION, outputFigure } from './figures.ts';
import { IDLE_RSS_RULE, idleRssBytes } from './idle-rss.ts';
import { COUNTING_RULE } from './lines/count.ts';
import { OUTPUT_RULE } from './output-size.ts';
import { loadAverage, tradeoffsProvenance } from './provenance.ts';
import { runSafety, SAFETY_RULE } from './safety.ts';
import { DEFAULT_TOUCH_LINE, removeLeftoverProbe } from './touch.ts';

export interface TradeoffsRunOptions {
  repoRoot: string;
  /** Processor names; default: the default set (run_by_default). */
  processors?: string[];
  repeat: number;
  threads: number;
  idle_settle_ms: number;
  safety: TradeoffsOptions['safety'];
  /** Folder of trade-offs runs (default tradeoffs/ in the repository). */
  tradeoffsRoot: string;
  /** Where scenarios and golden vectors live; default <repo>/scenarios. */
  scenariosDir?: string;
  /** dpkg's status file for the debian dependency source (tests use a fixture). */
  dpkgStatus?: string;
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
}

interface Row {
  manifest: ProcessorManifest;
  toolchain_version: string | null;
  /** Why the builds cannot be timed (the untimed build failed, or nothing declares how). */
  blocked: { error: string; log_path: string } | undefined;
  cold: BuildSample[];
  incremental: BuildSample[];
  coldFailure?: { error: string; log_path: string };
  incrementalFailure?: { error: string; log_path: string };
  idle: number[];
  idleFailure?: string;
}

const interrupted = { status: 'skipped', reason: 'interrupted' } as const;

async function loadSafetyScenarios(scenariosDir: string, names: readonly string[]): Promise<ScenarioSpec[]> {
  const out: ScenarioSpec[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const loaded = await loadScenario(path.join(scenariosDir, name, 'scenario.json'));
    if (loaded.ok) out.push(loaded.value);
    else problems.push(...loaded.errors);
  }
  if (problems.length) throw new UserError(`safety scenarios: ${problems.join('; ')}`);
  return out;
}

export async function runTradeoffs(opts: TradeoffsRunOptions): Promise<{ result: TradeoffsResult; dir: string }> {
  const say = opts.onProgress ?? (() => undefined);
  const aborted = () => opts.signal?.aborted === true;
  const manifests = loadManifests(opts.repoRoot, opts.processors);
  const scenariosDir = opts.scenariosDir ?? path.join(opts.repoRoot, 'scenarios');
  const safetyScenarios = await loadSafetyScenarios(scenariosDir, opts.safety.scenarios);
  const vectors = loadVectors(opts.repoRoot, scenariosDir);
  const provenance = tradeoffsProvenance(opts.repoRoot);
  const startedAt = new Date();
  const id = newRunId(startedAt, provenance.git_sha);
  const dir = tradeoffsDir(opts.tradeoffsRoot, id);
  const logDir = path.join(dir, LOGS_DIR);
  const load_avg_before = loadAverage();
  const notes: string[] = [];

  const rows: Row[] = manifests.map((manifest) => ({ manifest, toolchain_version: null, blocked: undefined, cold: [], incremental: [], idle: [] }));
  for (const row of rows) {
    const t = row.manifest.tradeoffs;
    if (t && removeLeftoverProbe(path.resolve(row.manifest.dir, t.touch), t.touch_line ?? DEFAULT_TOUCH_LINE)) {
      notes.push(`${row.manifest.name}: removed an incremental-rebuild probe line an earlier, killed run left in ${t.touch}`);
    }
  }

  // Untimed: puts every download in place and reads the toolchain version (timed builds start from a fresh scratch anyway).
  for (const row of rows) {
    if (aborted()) break;
    say(`${row.manifest.name}: build (untimed: dependencies and toolchain in place)`);
    const b = await buildProcessor(row.manifest, { logDir });
    if (b.ok) row.toolchain_version = b.toolchain_version;
    else row.blocked = { error: b.error, log_path: b.log_path };
  }

  for (let r = 0; r < opts.repeat && !aborted(); r++) {
    for (const row of rows) {
      const t = row.manifest.tradeoffs;
      if (aborted() || row.blocked || !t || row.coldFailure || row.incrementalFailure) continue;
      say(`${row.manifest.name}: cold and incremental build ${r + 1}/${opts.repeat}`);
      const step = await buildRepetition(row.manifest, t, { repetition: r, logDir, nonce: `${id.toLowerCase()}-r${r}` });
      if (step.cold.ok) row.cold.push(step.cold.sample);
      else row.coldFailure = step.cold;
      if (step.incremental?.ok) row.incremental.push(step.incremental.sample);
      else if (step.incremental) row.incrementalFailure = step.incremental;
    }
  }

  // The timed builds may have left outputs of the touched sources in place: build once more from pristine ones.
  for (const row of rows) {
    if (aborted() || row.blocked) continue;
    say(`${row.manifest.name}: release build from pristine sources (untimed)`);
    const b = await buildProcessor(row.manifest, { logDir, force: true });
    if (b.ok) row.toolchain_version = b.toolchain_version;
    else row.blocked = { error: b.error, log_path: b.log_path };
  }
  const outputs = new Map<string, ProcessorTradeoffs['output']>();
  for (const row of rows) {
    if (aborted()) outputs.set(row.manifest.name, interrupted);
    else if (row.blocked) outputs.set(row.manifest.name, { status: 'failed', error: row.blocked.error, log_path: row.blocked.log_path });
    else outputs.set(row.manifest.name, await outputFigure(row.manifest));
  }

  for (let r = 0; r < opts.repeat && !aborted(); r++) {
    for (const row of rows) {
      if (aborted() || row.blocked || row.idleFailure) continue;
      say(`${row.manifest.name}: idle RSS ${r + 1}/${opts.repeat}`);
      try {
        row.idle.push(await idleRssBytes(row.manifest, { threads: opts.threads, settle_ms: opts.idle_settle_ms, logDir }));
      } catch (err) {
        row.idleFailure = err instanceof Error ? err.message : String(err);
      }
    }
  }

  const safety = new Map<string, Safety>();
  let driverReady = false;
  for (const row of rows) {
    const section = row.manifest.tradeoffs?.safety;
    if (!section) {
      safety.set(row.manifest.name, { status: 'not-declared', reason: NO_SECTION });
      continue;
    }
    if (aborted()) {
      safety.set(row.manifest.name, interrupted);
      continue;
    }
    if ('none' in section) {
      safety.set(row.manifest.name, { status: 'none', reason: section.none });
      continue;
    }
    if (!driverReady) {
      say('building the load driver (untimed)');
      await ensureDriverBuilt();
      driverReady = true;
    }
    say(`${row.manifest.name}: ${section.tool}: build, golden vectors, ${opts.safety.seconds_per_scenario} s × ${safetyScenarios.length} scenario(s) at ${opts.safety.rate_per_s}/s`);
    const outcome = await runSafety(row.manifest, section, { ...opts.safety, scenarios: safetyScenarios, vectors, logDir, signal: opts.signal ?? new AbortController().signal });
    safety.set(row.manifest.name, outcome);
  }

  const processors: ProcessorTradeoffs[] = rows.map((row) => {
    const t = row.manifest.tradeoffs;
    const blocked = row.blocked ? { status: 'failed' as const, error: row.blocked.error, log_path: row.blocked.log_path } : undefined;
    const notDeclared = { status: 'not-declared' as const, reason: NO_SECTION };
    const builds = (samples: BuildSample[], failure: Row['coldFailure']) => {
      if (blocked && samples.length === 0) return blocked;
      if (!t) return notDeclared;
      if (samples.length === 0 && !failure && aborted()) return interrupted;
      return undefined;
    };
    return {
      name: row.manifest.name,
      language: row.manifest.language,
      description: row.manifest.description,
      toolchain_version: row.toolchain_version,
      cold_build_method: t ? { clean: t.clean ?? null, build_env: t.build_env ?? {} } : null,
      cold_build: builds(row.cold, row.coldFailure) ?? buildFigure(row.cold, row.coldFailure),
      incremental_build:
        builds(row.incremental, row.incrementalFailure) ??
        (row.coldFailure && row.incremental.length === 0
          ? { status: 'failed', error: `no cold build to rebuild (${row.coldFailure.error})`, log_path: row.coldFailure.log_path }
          : incrementalFigure(row.incremental, row.incrementalFailure, t!.touch)),
      output: outputs.get(row.manifest.name)!,
      idle_rss: blocked ?? (row.idle.length === 0 && !row.idleFailure && aborted() ? interrupted : idleFigure(row.idle, row.idleFailure, opts.idle_settle_ms, opts.threads)),
      dependencies: dependencyFigure(row.manifest, opts.dpkgStatus),
      code: codeFigure(row.manifest),
      safety: safety.get(row.manifest.name)!,
    };
  });

  const result: TradeoffsResult = {
    schema_version: TRADEOFFS_SCHEMA_VERSION,
    kind: 'tradeoffs',
    id,
    status: aborted() ? 'incomplete' : 'complete',
    started_at: startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    options: { repeat: opts.repeat, processors: manifests.map((m) => m.name), threads: opts.threads, idle_settle_ms: opts.idle_settle_ms, safety: opts.safety },
    provenance,
    noise: { load_avg_before, load_avg_after: loadAverage(), cores: provenance.cores },
    rules: { builds: BUILD_RULE, output: OUTPUT_RULE, idle_rss: IDLE_RSS_RULE, dependencies: DEPENDENCY_RULES, code: COUNTING_RULE, safety: SAFETY_RULE },
    processors,
    notes: aborted() ? [...notes, 'interrupted (Ctrl-C): the steps after the interruption are marked skipped'] : notes,
  };
  await writeTradeoffsFile(dir, result);
  return { result, dir };
}
