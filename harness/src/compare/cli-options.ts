// The statistics flags shared by compare, gate and claims, validated with every problem at once.
import type { Command } from 'commander';
import { UserError } from '../errors/user-error.ts';
import type { CompareMethod } from './estimate.ts';

export interface StatFlags {
  method: string;
  confidence: string;
  minRepetitions: string;
  includeDriverLimited?: boolean;
}

export interface StatOptions {
  method: CompareMethod;
  confidence: number;
  min_n: number;
  include_driver_limited: boolean;
}

export function statOptionFlags(cmd: Command): Command {
  return cmd
    .option('--method <m>', 't (Welch t on log values over repetitions) or bootstrap (repetitions, then each histogram)', 't')
    .option('--confidence <c>', 'two-sided confidence of the intervals', '0.95')
    .option('--min-repetitions <n>', 'fewest repetitions per side for a verdict', '3')
    .option('--include-driver-limited', 'keep repetitions where the driver fell behind its schedule');
}

export function parseStatOptions(flags: StatFlags): StatOptions {
  const problems: string[] = [];
  if (flags.method !== 't' && flags.method !== 'bootstrap') problems.push(`--method must be t or bootstrap, not "${flags.method}"`);
  const confidence = Number(flags.confidence);
  if (!(confidence >= 0.5 && confidence < 1)) problems.push(`--confidence must be a number in [0.5, 1), not "${flags.confidence}"`);
  const min_n = Number(flags.minRepetitions);
  if (!Number.isInteger(min_n) || min_n < 2) problems.push(`--min-repetitions must be a whole number ≥ 2, not "${flags.minRepetitions}"`);
  if (problems.length) throw new UserError(problems.join('\n  '));
  return { method: flags.method as CompareMethod, confidence, min_n, include_driver_limited: flags.includeDriverLimited === true };
}
