// `harness microbench` (npm run microbench): every processor's in-process micro-benchmarks with
// its language's own tool (tinybench, go test -bench, cargo bench), as its manifest names them,
// and the Python FFI benchmark (pyperf) when interop/python's venv exists. These time the core
// (validation + aggregation, FASTQ + k-mers) without HTTP; `harness run` times the service. The
// result goes to microbench/<id>/result.json, and to ClickHouse when one is configured.
import type { Command } from 'commander';
import { runMicrobench } from '../microbench/run-microbench.ts';
import { renderMicrobench } from '../microbench/render.ts';
import { planSources } from '../microbench/sources.ts';
import { loadManifests } from '../processors/index.ts';
import { storeConfigFromEnv } from '../store/config.ts';
import { MicrobenchFileStore, microbenchRootFrom } from '../store/microbench-file-store.ts';
import { UserError } from '../errors/user-error.ts';
import { REPO_ROOT } from './plan-options.ts';

interface MicrobenchFlags {
  processors?: string;
  smoke?: boolean;
  python: boolean;
  microbenchDir?: string;
  store?: string;
}

const say = (line: string) => process.stderr.write(`harness: ${line}\n`);

export function register(program: Command): void {
  program
    .command('microbench')
    .description("run every processor's in-process micro-benchmarks (and the Python FFI ones) and store them as one result")
    .option('--processors <list>', 'comma-separated processor names (default: those not marked run_by_default: false)')
    .option('--smoke', "each tool's shortest run: checks the whole path, the figures mean nothing (the result says so)")
    .option('--no-python', 'leave out the Python FFI benchmark (interop/python)')
    .option('--microbench-dir <dir>', 'where results are stored (default: microbench/ in the repository, or $HARNESS_MICROBENCH_DIR)')
    .option('--store <kind>', 'file, or clickhouse to write there too (default: clickhouse as well when CLICKHOUSE_URL is set)')
    .action(async (flags: MicrobenchFlags) => {
      const config = storeConfigFromEnv(flags.store !== undefined ? { store: flags.store } : {});
      const names = flags.processors?.split(',').map((s) => s.trim()).filter(Boolean);
      const plans = planSources(loadManifests(REPO_ROOT, names), { repoRoot: REPO_ROOT, smoke: flags.smoke === true, python: flags.python });
      if (plans.length === 0) throw new UserError('no processor declares a microbench command, and the Python benchmark is left out: nothing to run');
      const store = new MicrobenchFileStore(microbenchRootFrom(flags.microbenchDir));
      const { id, dir, result } = await runMicrobench({ repoRoot: REPO_ROOT, microbenchRoot: store.root, plans, smoke: flags.smoke === true, say });
      const failed = (result.sources ?? []).filter((s) => s.status === 'failed').map((s) => s.name);
      if (result.results.length === 0) throw new UserError(`no micro-benchmark produced results, nothing stored (logs: ${dir})`, 1);

      const file = await store.write(result);
      process.stdout.write(renderMicrobench(result));
      process.stdout.write(`stored ${result.results.length} records in ${file}\n`);
      if (config.clickhouse) {
        const { pushMicrobench } = await import('../store/clickhouse/microbench-push.ts');
        try {
          const report = await pushMicrobench(config.clickhouse, [result]);
          process.stdout.write(`and in ClickHouse (database ${config.clickhouse.database}, ${report.rows} rows)\n`);
        } catch (err) {
          say(`ClickHouse: ${err instanceof Error ? err.message : String(err)}; the file is stored: \`harness push --microbench ${id}\` uploads it later`);
        }
      }
      if (failed.length) throw new UserError(`micro-benchmarks failed for: ${failed.join(', ')} (the others are stored; logs: ${dir})`, 1);
    });
}
