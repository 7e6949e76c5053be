// `harness run` (npm run bench): the main job. Plan, build, verify, measure every processor
// open-loop and closed-loop, store the run, print the summary.
import type { Command } from 'commander';
import { runPipeline } from '../pipeline/pipeline.ts';
import { renderPlan } from '../plan/index.ts';
import { renderSummaryMarkdown, renderSummaryText, summarize } from '../report/index.ts';
import { runClaims } from '../claims/run-claims.ts';
import { FileStore, MicrobenchFileStore, microbenchRootFrom, openSinks, storeConfigFromEnv } from '../store/index.ts';
import path from 'node:path';
import { EXIT, UserError } from '../errors/user-error.ts';
import { addPlanOptions, planFromFlags, REPO_ROOT, type PlanFlags } from './plan-options.ts';
import { progressRenderer } from './progress.ts';
import { writeData } from './stdio.ts';

interface RunFlags extends PlanFlags {
  store?: string;
  results?: string;
  markdown?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  addPlanOptions(
    program
      .command('run')
      .description('run the benchmark: every scenario × processor × repetition, open-loop latency, memory, CPU, GC pauses and capacity; writes results/<run-id>/'),
  )
    .option('--store <kind>', 'file (default) or clickhouse; CLICKHOUSE_URL also turns ClickHouse on')
    .option('--results <dir>', 'results folder (default: results/ in the repository)')
    .option('--markdown', 'print the summary as Markdown')
    .option('--json', 'print the run id and summary as JSON')
    .action(async (flags: RunFlags) => {
      const { plan, manifests } = await planFromFlags(flags);
      const config = storeConfigFromEnv({ ...(flags.store ? { store: flags.store } : {}), ...(flags.results ? { results: flags.results } : {}) });
      const progress = progressRenderer();
      process.stderr.write(`${renderPlan(plan).split('\n').map((l) => `harness: ${l}`).join('\n')}\n`);
      const sink = await openSinks(config);
      const run = await runPipeline({ repoRoot: REPO_ROOT, plan, manifests, sink, resultsRoot: config.resultsRoot, events: progress });
      progress.stop();
      const summaries = summarize(run);
      if (flags.json) writeData(`${JSON.stringify({ run_id: run.manifest.run_id, status: run.manifest.status, summaries }, null, 2)}\n`);
      else writeData(`${flags.markdown ? renderSummaryMarkdown(run.manifest, summaries) : renderSummaryText(run.manifest, summaries)}\n`);
      // The decision record's claims, judged on this run (the dashboard shows the same verdicts).
      const claims = await runClaims(
        { runs: [run.manifest.run_id], file: path.join(REPO_ROOT, 'claims', 'decision-record.json'), format: flags.markdown ? 'markdown' : 'text', write_to: config.resultsRoot },
        new FileStore(config.resultsRoot),
        { microbench: new MicrobenchFileStore(microbenchRootFrom(undefined)) },
      );
      if (claims.ok && !flags.json) writeData(`\n${claims.stdout}`);
      else if (!claims.ok) process.stderr.write(`harness: claims not evaluated: ${claims.problems.join('; ')}\n`);
      process.stderr.write(`harness: results in ${config.resultsRoot}/${run.manifest.run_id} (harness report ${run.manifest.run_id})\n`);
      if (run.manifest.status === 'failed') throw new UserError('no measurement succeeded; see the warnings above', 1);
      if (run.manifest.status === 'incomplete') process.exitCode = EXIT.interrupted;
    });
}
