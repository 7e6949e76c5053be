// `harness verify`: prove the implementations identical (golden vectors, differential testing,
// final state). Progress goes to stderr, the table and differences to stdout; exit code 1 on any
// failure.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { EXIT, UserError } from '../errors/user-error.ts';
import { verifyProcessors, renderVerifyReport, type Suite } from '../verify/index.ts';

const SUITES: readonly Suite[] = ['vectors', 'differential', 'all'];

export function register(program: Command): void {
  program
    .command('verify')
    .description('replay the golden vectors against every processor, then send all of them the same seeded requests and compare their answers and final state')
    .option('--processors <names>', 'comma-separated processor names (default: all with a processor.json but those marked run_by_default: false)')
    .option('--suite <suite>', 'vectors | differential | all', 'all')
    .option('--batches <n>', 'event batches in the differential run', '200')
    .option('--seed <seed>', 'seed of the differential workload (integer or string)', '1')
    .action(async (opts: { processors?: string; suite: string; batches: string; seed: string }) => {
      if (!SUITES.includes(opts.suite as Suite)) throw new UserError(`--suite must be one of ${SUITES.join(', ')}, got "${opts.suite}"`);
      const batches = Number(opts.batches);
      if (!Number.isSafeInteger(batches) || batches < 1) throw new UserError(`--batches must be a positive integer, got "${opts.batches}"`);
      const seed = /^-?\d+$/.test(opts.seed) && Number.isSafeInteger(Number(opts.seed)) ? Number(opts.seed) : opts.seed;
      const processors = opts.processors?.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      const report = await verifyProcessors({
        repoRoot: resolve(import.meta.dirname, '..', '..', '..'),
        ...(processors ? { processors } : {}),
        suite: opts.suite as Suite,
        batches,
        seed,
        onProgress: (m) => process.stderr.write(`verify: ${m}\n`),
      });
      process.stdout.write(renderVerifyReport(report));
      if (!report.ok) process.exitCode = EXIT.failed;
    });
}
