// `harness push <run_id>` / `harness push --all`: upload run folders to ClickHouse, idempotently.
import type { Command } from 'commander';
import { RUN_ID_PATTERN } from '../results/layout.ts';
import { storeConfigFromEnv } from '../store/config.ts';
import { ClickHouseError } from '../store/clickhouse/connection.ts';
import { pushRuns, runFolderIds } from '../store/clickhouse/push-runs.ts';
import { UserError } from '../errors/user-error.ts';

export function register(program: Command): void {
  program
    .command('push')
    .description('Upload runs from results/ to ClickHouse (CLICKHOUSE_URL, CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE). Pushing again never duplicates.')
    .argument('[run_ids...]', 'run ids (folder names under results/)')
    .option('--all', 'push every run folder')
    .option('--force', 'push even runs already stored with the same manifest')
    .option('--results <dir>', 'results root (default: <repo>/results)')
    .action(async (runIds: string[], opts: { all?: boolean; force?: boolean; results?: string }) => {
      const config = storeConfigFromEnv({ store: 'clickhouse', ...(opts.results ? { results: opts.results } : {}) });
      if (opts.all && runIds.length) throw new UserError('give run ids or --all, not both');
      if (!opts.all && runIds.length === 0) throw new UserError('which run? give run ids or --all');
      for (const id of runIds) if (!RUN_ID_PATTERN.test(id)) throw new UserError(`not a run id: ${JSON.stringify(id)}`);
      const ids = opts.all ? await runFolderIds(config.resultsRoot) : runIds;
      const known = new Set(await runFolderIds(config.resultsRoot));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length) throw new UserError(`no run folder ${missing.join(', ')} under ${config.resultsRoot}`);
      let report;
      try {
        report = await pushRuns(config.clickhouse!, config.resultsRoot, ids, { force: opts.force ?? false, log: (l) => process.stdout.write(`${l}\n`) });
      } catch (err) {
        if (err instanceof ClickHouseError) throw new UserError(err.message);
        throw err;
      }
      process.stdout.write(`pushed ${report.pushed.length}, already there ${report.skipped.length}, refused ${report.invalid.length} (database ${config.clickhouse!.database} at ${config.clickhouse!.url})\n`);
      if (report.invalid.length) {
        throw new UserError(report.invalid.length === 1 && ids.length === 1 ? `refused: ${report.invalid[0]!.error}` : `${report.invalid.length} run folder(s) failed validation and were not pushed`);
      }
    });
}
