// Where a run lives on disk. One folder per run; one file per measurement, written as soon as
// that measurement completes, so a crash or Ctrl-C never loses what was already measured.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUN_FILE = 'run.json';
export const MEASUREMENTS_DIR = 'measurements';
export const CAPACITY_DIR = 'capacity';
export const LOGS_DIR = 'logs';

export function runDir(resultsRoot: string, runId: string): string {
  return path.join(resultsRoot, runId);
}

export function measurementFile(scenario: string, processor: string, repetition: number): string {
  return path.join(MEASUREMENTS_DIR, `${scenario}__${processor}__r${repetition}.json`);
}

export function capacityFile(scenario: string, processor: string): string {
  return path.join(CAPACITY_DIR, `${scenario}__${processor}.json`);
}

/** Run ids sort by time: 20261126T091500Z-<sha7>-<4 hex>. */
export function newRunId(now: Date, gitSha: string, random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const suffix = Math.floor(random() * 0x10000).toString(16).padStart(4, '0');
  return `${stamp}-${gitSha.slice(0, 7) || 'nogit'}-${suffix}`;
}

/** Run ids come from users (CLI, URLs): only this shape may reach the file system or a query. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** Micro-benchmark results live beside results/, not in it: they are not runs (no run.json). */
export const MICROBENCH_RESULT_FILE = 'result.json';

export function microbenchDir(microbenchRoot: string, id: string): string {
  return path.join(microbenchRoot, id);
}

/**
 * `harness tradeoffs` writes its own kind of folder, beside results/ and not in it (like
 * calibration/): it is not a latency run (no run.json), so run listings, push and the gate never
 * take it for one. tradeoffs/<id>/tradeoffs.json, with the build and process logs in logs/.
 */
export const DEFAULT_TRADEOFFS_ROOT = fileURLToPath(new URL('../../../tradeoffs', import.meta.url));
export const TRADEOFFS_FILE = 'tradeoffs.json';

export function tradeoffsDir(tradeoffsRoot: string, id: string): string {
  return path.join(tradeoffsRoot, id);
}

/**
 * `harness sweep` writes its own kind of folder too, beside results/: sweeps/<id>/sweep.json,
 * each step's full measurement in measurements/, the processes' logs in logs/.
 */
export const DEFAULT_SWEEPS_ROOT = fileURLToPath(new URL('../../../sweeps', import.meta.url));
export const SWEEP_FILE = 'sweep.json';

export function sweepDir(sweepsRoot: string, id: string): string {
  return path.join(sweepsRoot, id);
}

/** One step's measurement, relative to the sweep folder. Rates are whole requests per second. */
export function sweepMeasurementFile(scenario: string, processor: string, stage: string, rate_per_s: number, repetition: number): string {
  return path.join(MEASUREMENTS_DIR, `${scenario}__${processor}__${stage}__${Math.round(rate_per_s)}__r${repetition}.json`);
}
