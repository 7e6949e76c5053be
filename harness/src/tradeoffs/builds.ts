// One repetition of a processor's cold and incremental builds, with the manifest's own build
// command. Cold: a fresh scratch folder ("{scratch}" in tradeoffs.build_env and tradeoffs.clean),
// the clean command, then the build, timed. Incremental: the touched file gets a one-line change,
// the build runs again in the same scratch and is timed, and the file is put back. Nothing is
// downloaded inside the timing that was not already there: module caches, crate sources, npm
// packages and Debian packages stay in place (a build time, not a network time).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProcessorManifest, TradeoffsSection } from '../processors/index.ts';
import type { BuildSample } from '../results/tradeoffs-schema.ts';
import { describeFailure, runTimed } from './timed-command.ts';
import { DEFAULT_TOUCH_LINE, touchSource } from './touch.ts';

export const BUILD_RULE =
  'the manifest\u2019s build command, unpinned, one build at a time; cold = a fresh scratch folder ({scratch} in tradeoffs.build_env, e.g. GOCACHE or CARGO_TARGET_DIR) after tradeoffs.clean, so nothing compiled before is reused; ' +
  'incremental = the same build again after one line appended to tradeoffs.touch (tradeoffs.touch_line: an unused constant holding a fresh nonce, so the compiled code changes and content-hashing and timestamp-based tools both rebuild and relink), in the cold build\u2019s scratch; ' +
  'downloads (module, crate, npm and Debian packages, the pinned Node runtime) are in place before timing; medians of the repetitions, interleaved across processors';

export type BuildStep = { ok: true; sample: BuildSample } | { ok: false; error: string; log_path: string };

export interface RepetitionBuilds {
  cold: BuildStep;
  /** Absent when the cold build failed (nothing to rebuild incrementally). */
  incremental?: BuildStep;
}

export const SCRATCH = '{scratch}';
const substitute = (value: string, scratch: string) => value.split(SCRATCH).join(scratch);

export interface BuildRepetitionOptions {
  repetition: number;
  logDir: string;
  /** A nonce for the touched line: a content hash cache must never find it from an earlier repetition. */
  nonce: string;
}

export async function buildRepetition(manifest: ProcessorManifest, section: TradeoffsSection, opts: BuildRepetitionOptions): Promise<RepetitionBuilds> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), `harness-tradeoffs-${manifest.name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(section.build_env ?? {})) env[k] = substitute(v, scratch);
  const log = (kind: string) => path.join(opts.logDir, `build-${manifest.name}-r${opts.repetition}-${kind}.log`);
  const step = async (kind: 'cold' | 'incremental'): Promise<BuildStep> => {
    const logPath = log(kind);
    const load_avg_1m = os.loadavg()[0]!;
    const outcome = await runTimed(manifest.build.command, manifest.dir, env, logPath);
    if (outcome.code !== 0) return { ok: false, error: `${kind} build: ${describeFailure(manifest.build.command, outcome)}`, log_path: logPath };
    return { ok: true, sample: { repetition: opts.repetition, wall_s: round3(outcome.wall_s), cpu_s: round3(outcome.cpu_s), load_avg_1m: round3(load_avg_1m), log_path: logPath } };
  };
  try {
    if (section.clean) {
      const clean = section.clean.map((part) => substitute(part, scratch));
      const logPath = log('clean');
      const outcome = await runTimed(clean, manifest.dir, env, logPath);
      if (outcome.code !== 0) return { cold: { ok: false, error: `clean: ${describeFailure(clean, outcome)}`, log_path: logPath } };
    }
    const cold = await step('cold');
    if (!cold.ok) return { cold };
    const touched = touchSource(path.resolve(manifest.dir, section.touch), section.touch_line ?? DEFAULT_TOUCH_LINE, opts.nonce);
    try {
      return { cold, incremental: await step('incremental') };
    } finally {
      touched.restore();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
