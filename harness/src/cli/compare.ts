// `harness compare A B` or `harness compare --run R --processors a,b`: ratios B/A with intervals.
import type { Command } from 'commander';
import { parseStatOptions, statOptionFlags, type StatFlags } from '../compare/cli-options.ts';
import { runCompare, type CompareTarget } from '../compare/run-compare.ts';
import { openStore, storeConfigFromEnv } from '../store/index.ts';
import { UserError } from '../errors/user-error.ts';
import { compareAtEqualLoad, renderEqualLoadMarkdown, renderEqualLoadText } from '../compare/equal-load.ts';
import { openSweepSource } from '../store/sweep-source.ts';
import type { StoreConfig } from '../store/config.ts';

interface CompareFlags extends StatFlags {
  run?: string;
  processors?: string;
  markdown?: boolean;
  json?: boolean;
  results?: string;
  store?: string;
  sweep?: string;
}

/** `compare --sweep <ref> [--processors a,b,…]`: latency at equal load, the first processor the baseline. */
async function compareSweep(ref: string, processorsFlag: string | undefined, stats: { confidence: number; min_n: number }, format: 'text' | 'markdown' | 'json', config: StoreConfig): Promise<string> {
  const source = await openSweepSource(config);
  try {
    const result = await source.get(ref);
    if (!result) throw new UserError(ref === 'latest' ? `no sweep in ${source.describe} yet (run \`harness sweep\` first)` : `no sweep "${ref}" in ${source.describe}`);
    const asked = (processorsFlag ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    const problems: string[] = [];
    const comparisons = result.scenarios.map((sc) => {
      const swept = sc.processors.filter((p) => p.steps.length > 0).map((p) => p.processor);
      const names = asked.length ? asked : swept;
      for (const n of names) if (!swept.includes(n)) problems.push(`${sc.scenario}: processor "${n}" was not swept (swept: ${swept.join(', ') || 'none'})`);
      const baseline = asked[0] ?? (names.includes('go') ? 'go' : names[0] ?? '');
      return { sc, names: [baseline, ...names.filter((n) => n !== baseline)], baseline };
    });
    if (problems.length) throw new UserError(`cannot compare:\n  ${problems.join('\n  ')}`);
    const out = comparisons.filter((c) => c.names.length >= 2).map((c) => compareAtEqualLoad(result, c.sc, c.names, c.baseline, stats));
    if (out.length === 0) throw new UserError('cannot compare: the sweep has fewer than two swept processors');
    return format === 'json' ? `${JSON.stringify(out, null, 2)}\n` : format === 'markdown' ? renderEqualLoadMarkdown(out) : renderEqualLoadText(out);
  } finally {
    await source.close();
  }
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
    .option('--store <kind>', 'file or clickhouse (default: clickhouse when CLICKHOUSE_URL is set)')
    .option('--sweep <ref>', 'compare at equal load from a sweep (id, folder or "latest"): the same absolute rates, and the same fractions of each one\'s sustainable throughput; --processors picks them, the first is the baseline');
  statOptionFlags(cmd).action(async (a: string | undefined, b: string | undefined, flags: CompareFlags) => {
    const stats = parseStatOptions(flags);
    if (flags.sweep !== undefined) {
      if (a !== undefined || flags.run !== undefined) throw new UserError('--sweep compares within one sweep: give no runs and no --run');
      const config = storeConfigFromEnv({ ...(flags.store !== undefined && { store: flags.store }) });
      process.stdout.write(await compareSweep(flags.sweep, flags.processors, stats, flags.json ? 'json' : flags.markdown ? 'markdown' : 'text', config));
      return;
    }
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
