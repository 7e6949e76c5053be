// `harness push <run>…` / `harness push --all`: upload run folders to ClickHouse, idempotently.
import type { Command } from 'commander';
import { storeConfigFromEnv } from '../store/config.ts';
import { ClickHouseError } from '../store/clickhouse/connection.ts';
import { pushRuns } from '../store/clickhouse/push-runs.ts';
import { pushMicrobench } from '../store/clickhouse/microbench-push.ts';
import { microbenchRootFrom } from '../store/microbench-file-store.ts';
import { resolveMicrobenchTargets } from '../store/microbench-targets.ts';
import { resolvePushTargets, type PushTarget } from '../store/push-targets.ts';
import { runFolderIds } from '../store/run-folders.ts';
import { UserError } from '../errors/user-error.ts';
import { resolveSweep, sweepIds } from '../store/sweep-files.ts';
import { defaultSweepsRoot } from '../store/sweep-source.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import type { ClickHouseConfig } from '../store/config.ts';

/** `push --sweeps`: sweep ids, folders, "latest", or every sweep under the root. */
async function pushSweepRefs(cfg: ClickHouseConfig, refs: string[], all: boolean, root: string, force: boolean): Promise<void> {
  const problems: string[] = [];
  const results: SweepResult[] = [];
  for (const ref of all ? await sweepIds(root) : refs) {
    const found = await resolveSweep(ref, root);
    if (found.ok) results.push(found.result);
    else problems.push(found.problem);
  }
  if (problems.length) throw new UserError(problems.join('; '));
  const { pushSweeps } = await import('../store/clickhouse/sweep-store.ts');
  let report;
  try {
    report = await pushSweeps(cfg, results, { force, log: (l) => process.stdout.write(`${l}\n`) });
  } catch (err) {
    if (err instanceof ClickHouseError) throw new UserError(err.message);
    throw err;
  }
  process.stdout.write(`sweeps: pushed ${report.pushed.length}, already there ${report.skipped.length} (database ${cfg.database} at ${cfg.url})\n`);
}

export function register(program: Command): void {
  program
    .command('push')
    .description('Upload runs from results/ to ClickHouse (CLICKHOUSE_URL, CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE). Pushing again never duplicates.')
    .argument('[runs...]', 'run ids, run folders (results/<id>/), folders of runs, or "latest"')
    .option('--all', 'push every run folder')
    .option('--force', 'push even runs already stored with the same manifest')
    .option('--results <dir>', 'results root (default: <repo>/results)')
    .option('--microbench', 'push micro-benchmark results instead (ids, microbench/<id>/ folders, "latest", or --all)')
    .option('--microbench-dir <dir>', 'micro-benchmark results root (default: <repo>/microbench, or $HARNESS_MICROBENCH_DIR)')
    .option('--sweeps', 'push sweeps of `harness sweep` instead (ids, sweeps/<id>/ folders, "latest", or --all)')
    .option('--sweeps-dir <dir>', 'sweeps root (default: <repo>/sweeps, or $HARNESS_SWEEPS_DIR)')
    .action(async (refs: string[], opts: { all?: boolean; force?: boolean; results?: string; microbench?: boolean; microbenchDir?: string; sweeps?: boolean; sweepsDir?: string }) => {
      const config = storeConfigFromEnv({ store: 'clickhouse', ...(opts.results ? { results: opts.results } : {}) });
      if (opts.all && refs.length) throw new UserError('give runs or --all, not both');
      if (!opts.all && refs.length === 0) throw new UserError('which run? give run ids, run folders, "latest" or --all');
      if (opts.sweeps) return pushSweepRefs(config.clickhouse!, refs, opts.all === true, opts.sweepsDir ?? defaultSweepsRoot(), opts.force ?? false);
      if (opts.microbench) {
        const resolved = await resolveMicrobenchTargets(refs, microbenchRootFrom(opts.microbenchDir), opts.all === true);
        if (!resolved.ok) throw new UserError(resolved.problems.join('; '));
        let report;
        try {
          report = await pushMicrobench(config.clickhouse!, resolved.results, { force: opts.force ?? false, log: (l) => process.stdout.write(`${l}\n`) });
        } catch (err) {
          if (err instanceof ClickHouseError) throw new UserError(err.message);
          throw err;
        }
        process.stdout.write(`microbench: pushed ${report.pushed.length}, already there ${report.skipped.length} (database ${config.clickhouse!.database} at ${config.clickhouse!.url})\n`);
        return;
      }
      let targets: PushTarget[];
      if (opts.all) targets = [{ resultsRoot: config.resultsRoot, runIds: await runFolderIds(config.resultsRoot) }];
      else {
        const resolved = await resolvePushTargets(refs, config.resultsRoot);
        if (!resolved.ok) throw new UserError(resolved.problems.join('; '));
        targets = resolved.targets;
      }
      const total = { pushed: 0, skipped: 0, invalid: [] as { run_id: string; error: string }[] };
      for (const t of targets) {
        let report;
        try {
          report = await pushRuns(config.clickhouse!, t.resultsRoot, t.runIds, { force: opts.force ?? false, log: (l) => process.stdout.write(`${l}\n`) });
        } catch (err) {
          if (err instanceof ClickHouseError) throw new UserError(err.message);
          throw err;
        }
        total.pushed += report.pushed.length;
        total.skipped += report.skipped.length;
        total.invalid.push(...report.invalid);
      }
      const asked = targets.reduce((n, t) => n + t.runIds.length, 0);
      process.stdout.write(`pushed ${total.pushed}, already there ${total.skipped}, refused ${total.invalid.length} (database ${config.clickhouse!.database} at ${config.clickhouse!.url})\n`);
      if (total.invalid.length) {
        throw new UserError(total.invalid.length === 1 && asked === 1 ? `refused: ${total.invalid[0]!.error}` : `${total.invalid.length} run folder(s) failed validation and were not pushed`);
      }
    });
}
