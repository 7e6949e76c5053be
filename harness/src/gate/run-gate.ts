// The gate as a function of its command-line inputs: resolve the runs, parse the limits, decide,
// render. Kept apart from the commander wiring so tests can call it with a store and check the
// exit code and every reported problem.
import { appendFile } from 'node:fs/promises';
import type { CompareMethod, PairingMode } from '../compare/estimate.ts';
import type { StoreReader } from '../store/types.ts';
import { gate, type GateError, type GateResult, type GateRule } from './evaluate.ts';
import { parseLimits } from './limits.ts';
import { renderGateJson, renderGateMarkdown } from './render.ts';
import { resolveOne, resolveRuns } from '../store/resolve-runs.ts';

export interface GateInputs {
  baseline: string;
  candidate?: string;
  limits: string;
  rule?: GateRule;
  method: CompareMethod;
  pairing: PairingMode;
  confidence: number;
  min_n: number;
  processors?: string[];
  include_driver_limited: boolean;
  json: boolean;
  /** $GITHUB_STEP_SUMMARY, when set: the Markdown summary is appended there too. */
  step_summary?: string;
}

export interface GateOutput {
  result: GateResult | GateError;
  stdout: string;
  exit_code: 0 | 1 | 2;
}

export async function runGate(inputs: GateInputs, store: StoreReader): Promise<GateOutput> {
  const problems: string[] = [];
  const limits = parseLimits(inputs.limits);
  if (!limits.ok) problems.push(...limits.problems.map((p) => `--limits: ${p}`));
  const candidate = await resolveOne(inputs.candidate, store, 'the candidate');
  if (!candidate.ok) problems.push(...candidate.problems.map((p) => `--candidate: ${p}`));
  // The candidate never counts as its own baseline (a query such as branch=main,last=5 would pick it up).
  const baseline = await resolveRuns(inputs.baseline, store, candidate.ok ? [candidate.run.manifest.run_id] : []);
  if (!baseline.ok) problems.push(...baseline.problems.map((p) => `--baseline: ${p}`));

  let result: GateResult | GateError;
  if (problems.length || !limits.ok || !candidate.ok || !baseline.ok) {
    result = { kind: 'error', problems, exit_code: 2 };
  } else {
    result = gate(baseline.runs, candidate.run, limits.limits, {
      method: inputs.method,
      pairing: inputs.pairing,
      ...(inputs.rule && { rule: inputs.rule }),
      confidence: inputs.confidence,
      min_n: inputs.min_n,
      include_driver_limited: inputs.include_driver_limited,
      ...(inputs.processors && { processors: inputs.processors }),
    });
  }
  const markdown = renderGateMarkdown(result);
  if (inputs.step_summary) await appendFile(inputs.step_summary, `${markdown}\n`);
  return { result, stdout: inputs.json ? renderGateJson(result) : markdown, exit_code: result.exit_code };
}
