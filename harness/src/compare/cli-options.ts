// The statistics flags shared by compare, gate and claims, validated with every problem at once.
import type { Command } from 'commander';
import { UserError } from '../errors/user-error.ts';
import { COMPARE_METHODS, type CompareMethod, type PairingMode } from './estimate.ts';

export interface StatFlags {
  method: string;
  pairing: string;
  confidence: string;
  minRepetitions: string;
  includeDriverLimited?: boolean;
}

export interface StatOptions {
  method: CompareMethod;
  pairing: PairingMode;
  confidence: number;
  min_n: number;
  include_driver_limited: boolean;
}

export function statOptionFlags(cmd: Command): Command {
  return cmd
    .option('--method <m>', 'auto (paired t below 12 pairs, Wilcoxon signed-rank from 12; Welch when unpaired), or force t, signed-rank or bootstrap', 'auto')
    .option('--pairing <p>', 'rounds (pair round r of A with round r of B when the rounds match) or none', 'rounds')
    .option('--confidence <c>', 'two-sided confidence of the intervals', '0.95')
    .option('--min-repetitions <n>', 'fewest repetitions per side for a verdict', '3')
    .option('--include-driver-limited', 'keep repetitions where the driver fell behind its schedule');
}

export function parseStatOptions(flags: StatFlags): StatOptions {
  const problems: string[] = [];
  if (!COMPARE_METHODS.includes(flags.method as CompareMethod)) problems.push(`--method must be one of ${COMPARE_METHODS.join(', ')}, not "${flags.method}"`);
  const pairing = flags.pairing ?? 'rounds';
  if (pairing !== 'rounds' && pairing !== 'none') problems.push(`--pairing must be rounds or none, not "${pairing}"`);
  const confidence = Number(flags.confidence);
  if (!(confidence >= 0.5 && confidence < 1)) problems.push(`--confidence must be a number in [0.5, 1), not "${flags.confidence}"`);
  const min_n = Number(flags.minRepetitions);
  if (!Number.isInteger(min_n) || min_n < 2) problems.push(`--min-repetitions must be a whole number ≥ 2, not "${flags.minRepetitions}"`);
  if (problems.length) throw new UserError(problems.join('\n  '));
  return { method: flags.method as CompareMethod, pairing: pairing as PairingMode, confidence, min_n, include_driver_limited: flags.includeDriverLimited === true };
}
