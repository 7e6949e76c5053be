// `harness gate`: pass/fail a candidate run against a baseline for CI. Exit 0 pass, 1 regression,
// 2 error or insufficient data.
import type { Command } from 'commander';
import { parseStatOptions, statOptionFlags, type StatFlags } from '../compare/cli-options.ts';
import { GATE_RULES, type GateRule } from '../gate/evaluate.ts';
import { DEFAULT_LIMITS } from '../gate/limits.ts';
import { UserError } from '../errors/user-error.ts';
import { runGate } from '../gate/run-gate.ts';
import { openStore, storeConfigFromEnv } from '../store/index.ts';

interface GateFlags extends StatFlags {
  baseline: string;
  candidate?: string;
  limits: string;
  rule: string;
  processors?: string;
  json?: boolean;
  results?: string;
  store?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('gate')
    .description('fail a candidate run whose metrics regressed beyond limits against a baseline (exit 0 pass, 1 regression, 2 error or insufficient data)')
    .requiredOption('--baseline <ref>', 'a run id, a run folder, a folder of runs, or a store query like "branch=main,last=5"')
    .option('--candidate <ref>', 'a run id or run folder (default: the latest run in the store)')
    .option('--limits <spec>', 'allowed change per metric, optionally per scenario (e.g. p99=+10%,rss=+10%,throughput=-10%,ingest:p99=+5%)', DEFAULT_LIMITS)
    .option('--rule <rule>', 'ci-beyond-limit (the whole interval beyond the limit) or estimate-beyond-limit (significant, estimate beyond the limit)', 'ci-beyond-limit')
    .option('--processors <list>', 'only these processors (comma-separated)')
    .option('--json', 'print the result as JSON instead of Markdown')
    .option('--results <dir>', 'results folder of the file store (default: results/)')
    .option('--store <kind>', 'file or clickhouse (default: clickhouse when CLICKHOUSE_URL is set)');
  statOptionFlags(cmd).action(async (flags: GateFlags) => {
    const stats = parseStatOptions(flags);
    if (!GATE_RULES.includes(flags.rule as GateRule)) throw new UserError(`--rule must be one of ${GATE_RULES.join(', ')}, not "${flags.rule}"`);
    const store = await openStore(
      storeConfigFromEnv({ ...(flags.results !== undefined && { results: flags.results }), ...(flags.store !== undefined && { store: flags.store }) }),
    );
    try {
      const out = await runGate(
        {
          baseline: flags.baseline,
          ...(flags.candidate !== undefined && { candidate: flags.candidate }),
          limits: flags.limits,
          rule: flags.rule as GateRule,
          ...stats,
          ...(flags.processors !== undefined && { processors: flags.processors.split(',').map((s) => s.trim()).filter(Boolean) }),
          json: flags.json === true,
          ...(process.env.GITHUB_STEP_SUMMARY && { step_summary: process.env.GITHUB_STEP_SUMMARY }),
        },
        store,
      );
      process.stdout.write(out.stdout);
      process.exitCode = out.exit_code;
    } finally {
      await store.close();
    }
  });
}
