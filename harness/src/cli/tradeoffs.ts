// `harness tradeoffs`: build times, output size, idle RSS, dependencies, lines of code and the
// safety checker's findings for every processor, measured in one invocation (tradeoffs/index.ts).
import type { Command } from 'commander';
import { EXIT, UserError } from '../errors/user-error.ts';
import { deferSignals } from '../launch/index.ts';
import { DEFAULT_TRADEOFFS_ROOT } from '../results/layout.ts';
import { storeConfigFromEnv } from '../store/index.ts';
import { writeTradeoffsFile } from '../store/tradeoffs-files.ts';
import { renderTradeoffsMarkdown, renderTradeoffsText, restoreTouchedFiles, runTradeoffs } from '../tradeoffs/index.ts';
import { REPO_ROOT } from './plan-options.ts';
import { writeData } from './stdio.ts';

interface TradeoffsFlags {
  processors?: string;
  repeat: string;
  threads: string;
  settleMs: string;
  safetyScenarios: string;
  safetySeconds: string;
  safetyRate: string;
  safetyThreads: string;
  results?: string;
  store?: string;
  format: string;
}

function number(flag: string, text: string, opts: { integer: boolean; min: number }): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < opts.min || (opts.integer && !Number.isInteger(n))) {
    throw new UserError(`${flag} must be ${opts.integer ? 'a whole number' : 'a number'} ≥ ${opts.min}, not "${text}"`);
  }
  return n;
}

const names = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

export function register(program: Command): void {
  program
    .command('tradeoffs')
    .description('measure what each processor costs besides latency: cold and incremental build time, output size, idle RSS, dependencies, lines of code, safety-checker findings under load')
    .option('--processors <list>', 'comma-separated processor names (default: the default set)')
    .option('--repeat <n>', 'cold + incremental builds and idle-RSS readings per processor, interleaved (medians reported)', '3')
    .option('--threads <n>', 'THREADS for the idle-RSS launch', '1')
    .option('--settle-ms <ms>', 'wait after readiness before reading idle RSS', '500')
    .option('--safety-scenarios <list>', 'scenarios whose request pools drive the checked build', 'ingest,reads,mixed')
    .option('--safety-seconds <s>', 'open-loop seconds per safety scenario', '3')
    .option('--safety-rate <req/s>', 'open-loop rate of the safety load', '300')
    .option('--safety-threads <n>', 'THREADS for the checked build (races need more than one)', '2')
    .option('--results <dir>', 'folder of trade-offs runs (default: tradeoffs/ in the repository)')
    .option('--store <kind>', 'file, or clickhouse to also write there (default: clickhouse when CLICKHOUSE_URL is set)')
    .option('--format <format>', 'text, markdown or json', 'text')
    .action(async (flags: TradeoffsFlags) => {
      if (!['text', 'markdown', 'json'].includes(flags.format)) throw new UserError(`--format must be text, markdown or json, not "${flags.format}"`);
      const repeat = number('--repeat', flags.repeat, { integer: true, min: 1 });
      const threads = number('--threads', flags.threads, { integer: true, min: 1 });
      const settle = number('--settle-ms', flags.settleMs, { integer: true, min: 0 });
      const safety = {
        threads: number('--safety-threads', flags.safetyThreads, { integer: true, min: 1 }),
        rate_per_s: number('--safety-rate', flags.safetyRate, { integer: false, min: 1 }),
        seconds_per_scenario: number('--safety-seconds', flags.safetySeconds, { integer: false, min: 0.1 }),
        scenarios: names(flags.safetyScenarios),
      };
      const config = storeConfigFromEnv({ ...(flags.store ? { store: flags.store } : {}) });
      const say = (line: string) => process.stderr.write(`harness tradeoffs: ${line}\n`);

      // First Ctrl-C: finish the step in progress and write what was measured. Second: put the
      // touched source back and quit at once.
      const interrupt = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        if (interrupt.signal.aborted) {
          restoreTouchedFiles();
          process.exit(EXIT.interrupted);
        }
        say(`${signal}: stopping after the step in progress (again to quit now)`);
        interrupt.abort();
      };
      const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
      for (const s of SIGNALS) process.on(s, onSignal);
      deferSignals(() => undefined);
      let outcome;
      try {
        outcome = await runTradeoffs({
          repoRoot: REPO_ROOT,
          ...(flags.processors ? { processors: names(flags.processors) } : {}),
          repeat,
          threads,
          idle_settle_ms: settle,
          safety,
          tradeoffsRoot: flags.results ?? process.env.HARNESS_TRADEOFFS_DIR ?? DEFAULT_TRADEOFFS_ROOT,
          signal: interrupt.signal,
          onProgress: say,
        });
      } finally {
        for (const s of SIGNALS) process.off(s, onSignal);
        deferSignals(undefined);
      }
      const { result, dir } = outcome;
      if (config.clickhouse) {
        const { writeTradeoffsToClickHouse } = await import('../store/clickhouse/tradeoffs-store.ts');
        const written = await writeTradeoffsToClickHouse(config.clickhouse, result);
        if (written.ok) say(`ClickHouse: ${written.rows} rows written`);
        else {
          result.notes.push(`ClickHouse: not written (${written.error})`);
          await writeTradeoffsFile(dir, result);
          say(`ClickHouse: not written (${written.error})`);
        }
      }
      say(`wrote ${dir}`);
      writeData(flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : `${flags.format === 'markdown' ? renderTradeoffsMarkdown(result) : renderTradeoffsText(result)}\n`);
      const failed = result.processors.some((p) => [p.cold_build, p.incremental_build, p.output, p.idle_rss, p.dependencies, p.code, p.safety].some((f) => f.status === 'failed'));
      if (failed || result.status === 'incomplete') process.exitCode = EXIT.failed;
    });
}
