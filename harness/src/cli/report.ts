// `harness report <run>`: a stored run as a terminal table, Markdown or JSON.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderHtmlReport } from '../report/html.ts';
import { fileClaimsSource } from '../serve/claims.ts';
import { renderSummaryMarkdown, renderSummaryText, summarize } from '../report/index.ts';
import { resolveOne } from '../store/resolve-runs.ts';
import { openStore, storeConfigFromEnv } from '../store/index.ts';
import { UserError } from '../errors/user-error.ts';
import { openTradeoffsSource } from '../store/tradeoffs-source.ts';
import { renderTradeoffsMarkdown, renderTradeoffsText } from '../tradeoffs/render.ts';
import type { StoreConfig } from '../store/config.ts';
import { openSweepSource } from '../store/sweep-source.ts';
import { curveViews } from '../sweep/curve-view.ts';
import { renderSweepMarkdown, renderSweepText } from '../sweep/render.ts';

interface ReportFlags {
  format: string;
  baseline?: string;
  store?: string;
  results?: string;
  html?: boolean;
  out?: string;
  tradeoffs?: string | boolean;
  sweep?: string | boolean;
}

/** `harness report --tradeoffs [ref]` without --html: the trade-offs table instead of a run. */
async function printTradeoffs(ref: string, format: string, config: StoreConfig): Promise<void> {
  const { source, describe, close } = await openTradeoffsSource(config);
  try {
    const result = await source(ref);
    if (!result) throw new UserError(ref === 'latest' ? `no trade-offs run in ${describe} yet (run \`harness tradeoffs\` first)` : `no trade-offs run "${ref}" in ${describe}`);
    if (format === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(`${format === 'markdown' ? renderTradeoffsMarkdown(result) : renderTradeoffsText(result)}\n`);
  } finally {
    await close();
  }
}

/** `harness report --sweep [ref]`: the load curves and sustainable throughput of a sweep. */
async function printSweep(ref: string, format: string, config: StoreConfig): Promise<void> {
  const source = await openSweepSource(config);
  try {
    const result = await source.get(ref);
    if (!result) throw new UserError(ref === 'latest' ? `no sweep in ${source.describe} yet (run \`harness sweep\` first)` : `no sweep "${ref}" in ${source.describe}`);
    if (format === 'json') process.stdout.write(`${JSON.stringify({ id: result.id, status: result.status, curves: curveViews(result) }, null, 2)}\n`);
    else process.stdout.write(format === 'markdown' ? renderSweepMarkdown(result) : renderSweepText(result));
  } finally {
    await source.close();
  }
}

export function register(program: Command): void {
  program
    .command('report')
    .description('print a stored run: terminal table (default), Markdown or JSON')
    .argument('[run]', 'run id, run folder or "latest"', 'latest')
    .option('--format <format>', 'text, markdown or json', 'text')
    .option('--baseline <processor>', 'processor for the ratios (default: the run\'s baseline)')
    .option('--store <kind>', 'file (default) or clickhouse')
    .option('--results <dir>', 'results folder (default: results/ in the repository)')
    .option('--html', 'write one self-contained HTML file (opens without a server) instead of printing')
    .option('--out <file>', 'with --html: where to write it (default: report-<run>.html)')
    .option('--tradeoffs [ref]', 'print the trade-offs table of `harness tradeoffs` (id, folder or "latest", the default) instead of a run; with --html, the trade-offs run the report embeds (default: the newest, if any)')
    .option('--sweep [ref]', 'print a sweep of `harness sweep` (id, folder or "latest", the default) as tables: sustainable throughput and each latency-against-load curve; with --html, the sweep the report embeds (default: the newest, if any)')
    .action(async (runId: string, flags: ReportFlags) => {
      if (!['text', 'markdown', 'json'].includes(flags.format)) throw new UserError(`--format must be text, markdown or json, not "${flags.format}"`);
      if (flags.out !== undefined && !flags.html) throw new UserError('--out goes with --html');
      const config = storeConfigFromEnv({ ...(flags.store ? { store: flags.store } : {}), ...(flags.results ? { results: flags.results } : {}) });
      const tradeoffsRef = typeof flags.tradeoffs === 'string' ? flags.tradeoffs : flags.tradeoffs === true ? 'latest' : undefined;
      if (tradeoffsRef !== undefined && !flags.html) return printTradeoffs(tradeoffsRef, flags.format, config);
      const sweepRef = typeof flags.sweep === 'string' ? flags.sweep : flags.sweep === true ? 'latest' : undefined;
      if (sweepRef !== undefined && !flags.html) return printSweep(sweepRef, flags.format, config);
      const store = await openStore(config);
      try {
        const found = await resolveOne(runId, store);
        if (!found.ok) throw new UserError(found.problems.join('; '));
        const run = found.run;
        const baseline = flags.baseline ?? run.manifest.baseline;
        if (!run.manifest.processors.some((p) => p.name === baseline)) {
          throw new UserError(`--baseline "${baseline}" is not in run ${run.manifest.run_id} (${run.manifest.processors.map((p) => p.name).join(', ')})`);
        }
        if (flags.html) {
          const out = flags.out ?? `report-${run.manifest.run_id}.html`;
          const claims = config.kind === 'file' ? await fileClaimsSource(config.resultsRoot)(run.manifest.run_id) : undefined;
          const { source, close } = await openTradeoffsSource(config);
          const tradeoffs = await source(tradeoffsRef ?? 'latest').finally(close);
          if (tradeoffsRef !== undefined && !tradeoffs) throw new UserError(`no trade-offs run "${tradeoffsRef}" to embed`);
          const sweeps = await openSweepSource(config);
          const sweep = await sweeps.get(sweepRef ?? 'latest').catch((err: unknown) => {
            // A broken newest sweep must not stop a report that did not ask for it.
            if (sweepRef !== undefined) throw new UserError(`cannot embed sweep "${sweepRef}": ${err instanceof Error ? err.message : String(err)}`);
            process.stderr.write(`harness: the newest sweep is not embedded: ${err instanceof Error ? err.message : String(err)}\n`);
            return undefined;
          }).finally(() => sweeps.close());
          if (sweepRef !== undefined && !sweep) throw new UserError(`no sweep "${sweepRef}" to embed`);
          await writeFile(out, await renderHtmlReport(run, { ...(claims ? { claims } : {}), ...(tradeoffs ? { tradeoffs } : {}), ...(sweep ? { sweep } : {}) }));
          process.stderr.write(`report written to ${out}\n`);
          return;
        }
        const summaries = summarize(run, baseline);
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ manifest: run.manifest, summaries }, null, 2)}\n`);
        else if (flags.format === 'markdown') process.stdout.write(`${renderSummaryMarkdown(run.manifest, summaries)}\n`);
        else process.stdout.write(`${renderSummaryText(run.manifest, summaries)}\n`);
      } finally {
        await store.close();
      }
    });
}
