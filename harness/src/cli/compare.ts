// `harness compare A B` or `harness compare --run R --processors a,b`: ratios B/A with intervals.
import type { Command } from 'commander';
import { parseStatOptions, statOptionFlags, type StatFlags } from '../compare/cli-options.ts';
import { runCompare, type CompareTarget } from '../compare/run-compare.ts';
import { openStore, storeConfigFromEnv } from '../store/index.ts';
import { UserError } from '../errors/user-error.ts';

interface CompareFlags extends StatFlags {
  run?: string;
  processors?: string;
  markdown?: boolean;
  json?: boolean;
  results?: string;
  store?: string;
}

function targetOf(a: string | undefined, b: string | undefined, flags: CompareFlags): CompareTarget {
  if (flags.run !== undefined || flags.processors !== undefined) {
    const procs = (flags.processors ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const problems: string[] = [];
    if (flags.run === undefined) problems.push('--processors needs --run <run>');
    if (procs.length !== 2) problems.push('--processors needs two processors, A,B (e.g. go,rust gives rust/go)');
    if (a !== undefined) problems.push('give either two runs or --run with --processors, not both');
    if (problems.length) throw new UserError(problems.join('\n  '));
    return { kind: 'processors', run: flags.run!, a: procs[0]!, b: procs[1]! };
  }
  if (a === undefined || b === undefined) throw new UserError('compare needs two runs (A B) or --run <run> --processors a,b');
  return { kind: 'runs', a, b };
}

export function register(program: Command): void {
  const cmd = program
    .command('compare')
    .description('ratio B/A per scenario and metric with confidence intervals over repetitions')
    .argument('[A]', 'run id, run folder or query (e.g. branch=main,last=5)')
    .argument('[B]', 'run id, run folder or query')
    .option('--run <run>', 'compare two processors within this run')
    .option('--processors <a,b>', 'with --run: the two processors, A then B')
    .option('--markdown', 'print Markdown')
    .option('--json', 'print JSON')
    .option('--results <dir>', 'results folder of the file store (default: results/)')
    .option('--store <kind>', 'file or clickhouse (default: clickhouse when CLICKHOUSE_URL is set)');
  statOptionFlags(cmd).action(async (a: string | undefined, b: string | undefined, flags: CompareFlags) => {
    const stats = parseStatOptions(flags);
    const target = targetOf(a, b, flags);
    const store = await openStore(
      storeConfigFromEnv({ ...(flags.results !== undefined && { results: flags.results }), ...(flags.store !== undefined && { store: flags.store }) }),
    );
    try {
      const out = await runCompare(target, stats, flags.json ? 'json' : flags.markdown ? 'markdown' : 'text', store);
      if (!out.ok) throw new UserError(`cannot compare:\n  ${out.problems.join('\n  ')}`);
      process.stdout.write(out.stdout);
    } finally {
      await store.close();
    }
  });
}
