// `harness verify`: build every processor, launch them all, replay the golden vectors against
// each, then drive the same seeded requests to all of them and compare their answers and final
// state; last, check each one's /metrics against the spec's shape (after the load, so that the
// collectors have cycles to show). A processor that fails to build or start is reported as failed while the others are
// still verified; every launched process is stopped on every path out.
import { join } from 'node:path';
import { loadManifests, type ProcessorManifest } from '../processors/index.ts';
import { buildProcessor, type BuildResult } from '../build/index.ts';
import { launchProcessor, type RunningProcessor } from '../launch/index.ts';
import { loadVectors } from './load-vectors.ts';
import { runVectors, type VectorFailure } from './run-vectors.ts';
import { runDifferential, runStateComparison, type CrossRunResult } from './differential.ts';
import { checkMetrics, type MetricsFailure } from './metrics-shape.ts';

export type Suite = 'vectors' | 'differential' | 'all';
export type SuiteStatus = 'pass' | 'fail' | 'skipped';

export interface VerifyOptions {
  repoRoot: string;
  /** Processor names; default: every processors/<name>/processor.json. */
  processors?: string[];
  suite: Suite;
  /** Event batches in the differential run (FASTQ bodies and key lookups come in between). */
  batches: number;
  seed: number | string;
  /** Where build and process logs go; default <repo>/artifacts/verify-logs. */
  logDir?: string;
  /** Folder holding <suite>/vectors/*.json; default <repo>/scenarios. */
  scenariosDir?: string;
  /** THREADS for every processor (default 2). */
  threads?: number;
  onProgress?: (message: string) => void;
}

export interface ProcessorVerdict {
  name: string;
  build: BuildResult;
  /** Why it could not be started, with its output. */
  launch_error?: { message: string; stderr_tail: string };
  vectors: SuiteStatus;
  /** Steps passed / run, when the vectors ran. */
  vector_steps?: { passed: number; total: number };
  differential: SuiteStatus;
  state: SuiteStatus;
  /** GET /metrics against the spec's shape (runs with the vectors). */
  metrics: SuiteStatus;
}

export interface VerifyReport {
  ok: boolean;
  seed: number | string;
  batches: number;
  suite: Suite;
  vector_files: number;
  processors: ProcessorVerdict[];
  vector_failures: VectorFailure[];
  metrics_failures: MetricsFailure[];
  differential?: CrossRunResult;
  state?: CrossRunResult;
  /** Why the cross-processor suites did not run, when they did not. */
  cross_skipped_reason?: string;
}

export async function verifyProcessors(options: VerifyOptions): Promise<VerifyReport> {
  const progress = options.onProgress ?? (() => undefined);
  const logDir = options.logDir ?? join(options.repoRoot, 'artifacts', 'verify-logs');
  const manifests = loadManifests(options.repoRoot, options.processors);
  const vectors = loadVectors(options.repoRoot, options.scenariosDir);
  const wantVectors = options.suite !== 'differential';
  const wantCross = options.suite !== 'vectors';

  const verdicts = new Map<string, ProcessorVerdict>();
  const running: Array<{ manifest: ProcessorManifest; proc: RunningProcessor }> = [];
  const report: VerifyReport = { ok: false, seed: options.seed, batches: options.batches, suite: options.suite, vector_files: vectors.length, processors: [], vector_failures: [], metrics_failures: [] };

  try {
    // Builds run one at a time: two compilers on two cores would slow both and gain nothing.
    for (const manifest of manifests) {
      progress(`building ${manifest.name}`);
      const build = await buildProcessor(manifest, { logDir });
      verdicts.set(manifest.name, { name: manifest.name, build, vectors: 'skipped', differential: 'skipped', state: 'skipped', metrics: 'skipped' });
      if (!build.ok) progress(`${manifest.name}: build failed: ${build.error}`);
    }

    const launchable = manifests.filter((m) => verdicts.get(m.name)!.build.ok);
    const launched = await Promise.allSettled(
      launchable.map((manifest) => launchProcessor(manifest, { threads: options.threads ?? 2, maxBodyBytes: 4 * 1024 * 1024, logDir, readyTimeoutMs: 30_000 })),
    );
    for (const [i, outcome] of launched.entries()) {
      const manifest = launchable[i]!;
      if (outcome.status === 'fulfilled') {
        running.push({ manifest, proc: outcome.value });
        progress(`${manifest.name} listening on ${outcome.value.baseUrl} (pid ${outcome.value.pid})`);
      } else {
        const err = outcome.reason as Error & { stderr_tail?: string };
        verdicts.get(manifest.name)!.launch_error = { message: err.message, stderr_tail: err.stderr_tail ?? '' };
        progress(`${manifest.name}: could not start: ${err.message}`);
      }
    }

    if (wantVectors) {
      progress(`replaying ${vectors.length} vector files against ${running.map((r) => r.manifest.name).join(', ') || 'nothing'}`);
      const results = await Promise.all(running.map(({ manifest, proc }) => runVectors(manifest.name, proc.baseUrl, vectors)));
      for (const result of results) {
        const v = verdicts.get(result.processor)!;
        const failedSteps = new Set(result.failures.map((f) => `${f.vector}#${f.step}`)).size;
        v.vectors = result.failures.length === 0 ? 'pass' : 'fail';
        v.vector_steps = { passed: result.steps - failedSteps, total: result.steps };
        report.vector_failures.push(...result.failures);
      }
    }

    if (wantCross) {
      const targets = running.map(({ manifest, proc }) => ({ name: manifest.name, baseUrl: proc.baseUrl }));
      if (targets.length < 2) {
        report.cross_skipped_reason = `differential testing needs at least two running processors, have ${targets.length}`;
        progress(report.cross_skipped_reason);
      } else {
        progress(`differential: ${options.batches} seeded event batches (seed ${options.seed}) plus FASTQ bodies and key lookups to ${targets.map((t) => t.name).join(', ')}`);
        report.differential = await runDifferential(targets, options.seed, options.batches);
        progress(`comparing final state (stats and ${report.differential.requests > 0 ? 'every key' : 'keys'})`);
        report.state = await runStateComparison(targets);
        for (const { name } of targets) {
          const v = verdicts.get(name)!;
          v.differential = (report.differential.odd_counts[name] ?? 0) > 0 ? 'fail' : 'pass';
          v.state = (report.state.odd_counts[name] ?? 0) > 0 ? 'fail' : 'pass';
        }
      }
    }

    if (wantVectors) {
      progress(`checking /metrics of ${running.map((r) => r.manifest.name).join(', ') || 'nothing'}`);
      const failures = await Promise.all(running.map(({ manifest, proc }) => checkMetrics(manifest.name, proc.baseUrl)));
      for (const { manifest } of running) verdicts.get(manifest.name)!.metrics = 'pass';
      for (const f of failures) {
        if (!f) continue;
        verdicts.get(f.processor)!.metrics = 'fail';
        report.metrics_failures.push(f);
      }
    }
  } finally {
    await Promise.all(running.map(({ proc }) => proc.stop()));
  }

  report.processors = manifests.map((m) => verdicts.get(m.name)!);
  report.ok =
    report.processors.length > 0 &&
    report.processors.every((p) => p.build.ok && !p.launch_error && p.vectors !== 'fail' && p.differential !== 'fail' && p.state !== 'fail' && p.metrics !== 'fail');
  return report;
}
