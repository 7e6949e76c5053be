// What `harness microbench` runs: every processor manifest's microbench command (discovered, never
// listed here) and, when interop/python's venv exists, the Python FFI benchmark. Each becomes a
// plan entry, to run or skipped with the reason and what to do about it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { MicrobenchOutput, ProcessorManifest } from '../processors/manifest.ts';

/** result-file: the command writes a whole result (interop/python's run.py) to $MICROBENCH_OUT. */
export type SourceOutput = MicrobenchOutput | 'result-file';

export interface SourceToRun {
  kind: 'run';
  name: string;
  /** Working directory of the command. */
  dir: string;
  command: string[];
  output: SourceOutput;
  /** Built (cached) first, so the benchmark runs against the toolchain the harness records. */
  manifest?: ProcessorManifest;
}

export interface SourceToSkip {
  kind: 'skip';
  name: string;
  command: string[];
  reason: string;
}

export type SourcePlan = SourceToRun | SourceToSkip;

export const PYTHON_SOURCE = 'interop-python';
export const PYTHON_SETUP_HINT = 'interop/python has no .venv: set it up with `interop/python/setup.sh` (venv, maturin build, pytest; needs python3-venv and cargo), then run again';

export interface PlanOptions {
  repoRoot: string;
  smoke: boolean;
  /** Include the Python FFI benchmark (when its venv exists). */
  python: boolean;
}

export function planFromManifest(m: ProcessorManifest, smoke: boolean): SourcePlan | undefined {
  const mb = m.microbench;
  if (!mb) return undefined;
  const command = smoke && mb.smoke_command ? mb.smoke_command : mb.command;
  if (!mb.output) {
    return {
      kind: 'skip',
      name: m.name,
      command,
      reason: `${path.basename(path.dirname(m.manifest_path))}/processor.json declares no microbench.output, so its figures cannot be read: add "output": "samples-file" (the command writes $MICROBENCH_OUT) or "go-test-bench"`,
    };
  }
  return { kind: 'run', name: m.name, dir: m.dir, command, output: mb.output, manifest: m };
}

export function pythonPlan(repoRoot: string, smoke: boolean): SourcePlan {
  const folder = path.join(repoRoot, 'interop', 'python');
  const python = path.join(folder, '.venv', 'bin', 'python');
  const command = [python, 'bench/run.py', ...(smoke ? ['--smoke'] : [])];
  if (!existsSync(python)) return { kind: 'skip', name: PYTHON_SOURCE, command, reason: PYTHON_SETUP_HINT };
  return { kind: 'run', name: PYTHON_SOURCE, dir: folder, command, output: 'result-file' };
}

/** Manifests without a microbench section are left out silently: they have nothing to run. */
export function planSources(manifests: readonly ProcessorManifest[], opts: PlanOptions): SourcePlan[] {
  const plans = manifests.map((m) => planFromManifest(m, opts.smoke)).filter((p): p is SourcePlan => p !== undefined);
  if (opts.python) plans.push(pythonPlan(opts.repoRoot, opts.smoke));
  return plans;
}
