// `harness claims [run...]`: each declared claim with its measured value, interval and verdict.
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { runClaims } from '../claims/run-claims.ts';
import { microbenchRootFrom, openMicrobenchStore, openStore, storeConfigFromEnv } from '../store/index.ts';
import { UserError } from '../errors/user-error.ts';
import { openSweepSource } from '../store/sweep-source.ts';

export const DEFAULT_CLAIMS_FILE = fileURLToPath(new URL('../../../claims/decision-record.json', import.meta.url));

interface ClaimsFlags {
  file: string;
  markdown?: boolean;
  json?: boolean;
  write?: boolean;
  results?: string;
  store?: string;
  microbench?: string;
  microbenchDir?: string;
  sweep: string[];
}

export function register(program: Command): void {
  program
    .command('claims')
    .description('check a decision record\'s claims against a run: supported, refuted or inconclusive, with intervals')
    .argument('[runs...]', 'run ids, run folders or a query (several runs are pooled; default: the latest run)')
    .option('--file <claims.json>', 'the claims file', DEFAULT_CLAIMS_FILE)
    .option('--markdown', 'print Markdown')
    .option('--json', 'print JSON')
    .option('--no-write', 'do not leave claims.json in the run folder')
    .option('--results <dir>', 'results folder of the file store (default: results/)')
    .option('--store <kind>', 'file or clickhouse (default: clickhouse when CLICKHOUSE_URL is set)')
    .option('--microbench <id>', 'micro-benchmark result for the in-process claims (default: the newest that is not a smoke run)')
    .option('--microbench-dir <dir>', 'micro-benchmark results of the file store (default: microbench/)')
    .option('--sweep <ref>', 'a sweep (id, folder or "latest") for the claims about load (equal_load_ratio, sustainable_per_core); repeatable, pooled', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (runs: string[], flags: ClaimsFlags) => {
      const config = storeConfigFromEnv({ ...(flags.results !== undefined && { results: flags.results }), ...(flags.store !== undefined && { store: flags.store }) });
      const store = await openStore(config);
      const microbench = await openMicrobenchStore(config, microbenchRootFrom(flags.microbenchDir)).catch(async (err: unknown) => {
        await store.close();
        throw err;
      });
      const sweepSource = flags.sweep.length ? await openSweepSource(config) : undefined;
      try {
        const out = await runClaims(
          {
            runs,
            file: flags.file,
            format: flags.json ? 'json' : flags.markdown ? 'markdown' : 'text',
            ...(flags.write !== false && config.kind === 'file' && { write_to: config.resultsRoot }),
            ...(flags.microbench !== undefined && { microbench: flags.microbench }),
            sweeps: flags.sweep,
          },
          store,
          { microbench, ...(sweepSource && { sweeps: sweepSource }) },
        );
        if (!out.ok) throw new UserError(`cannot evaluate claims:\n  ${out.problems.join('\n  ')}`);
        process.stdout.write(out.stdout);
        if (out.written) process.stderr.write(`verdicts written to ${out.written}\n`);
      } finally {
        await Promise.all([store.close(), microbench.close(), sweepSource?.close()]);
      }
    });
}
