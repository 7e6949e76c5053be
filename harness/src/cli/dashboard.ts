// `harness dashboard`: build the app if needed, then serve it and its JSON API over the
// configured store until Ctrl-C.
import type { Command } from 'commander';
import { startDashboardServer } from '../serve/server.ts';
import { DIST_DIR, ensureDashboardBuilt } from '../serve/build-app.ts';
import { fileClaimsSource } from '../serve/claims.ts';
import { microbenchRootFrom, openMicrobenchStore, openStore, storeConfigFromEnv } from '../store/index.ts';
import { defaultSweepsRoot, openSweepSource } from '../store/sweep-source.ts';
import { openTradeoffsSource } from '../store/tradeoffs-source.ts';
import { UserError } from '../errors/user-error.ts';

export const DEFAULT_DASHBOARD_PORT = 5178;

interface DashboardFlags {
  port: string;
  host: string;
  results?: string;
  store?: string;
  rebuild?: boolean;
  microbenchDir?: string;
  sweepsDir?: string;
}

function parsePort(v: string): number {
  if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) throw new UserError(`--port must be a whole number from 0 to 65535, not "${v}"`);
  return Number(v);
}

export function register(program: Command): void {
  program
    .command('dashboard')
    .description('serve the dashboard (React app + JSON API) over the results store')
    .option('--port <n>', 'port to listen on (0: any free port)', String(DEFAULT_DASHBOARD_PORT))
    .option('--host <addr>', 'address to bind (anything but loopback exposes your results)', '127.0.0.1')
    .option('--results <dir>', 'results folder of the file store (default: results/)')
    .option('--store <kind>', 'file or clickhouse (default: clickhouse when CLICKHOUSE_URL is set)')
    .option('--microbench-dir <dir>', 'micro-benchmark results of the file store (default: microbench/)')
    .option('--sweeps-dir <dir>', 'sweeps of `harness sweep` in the file store (default: sweeps/, or HARNESS_SWEEPS_DIR)')
    .option('--rebuild', 'rebuild the app even when dist/ looks up to date')
    .action(async (flags: DashboardFlags) => {
      const port = parsePort(flags.port);
      const config = storeConfigFromEnv({
        ...(flags.results !== undefined ? { results: flags.results } : {}),
        ...(flags.store !== undefined ? { store: flags.store } : {}),
      });
      process.stderr.write(`${await ensureDashboardBuilt({ force: flags.rebuild === true })}\n`);
      const store = await openStore(config);
      let microbench;
      try {
        microbench = await openMicrobenchStore(config, microbenchRootFrom(flags.microbenchDir));
      } catch (err) {
        await store.close();
        throw err;
      }
      const tradeoffs = await openTradeoffsSource(config);
      const sweeps = await openSweepSource(config, flags.sweepsDir ?? defaultSweepsRoot());
      let server;
      try {
        server = await startDashboardServer({
          store,
          claims: fileClaimsSource(config.resultsRoot),
          microbench,
          tradeoffs: tradeoffs.source,
          sweeps,
          distDir: DIST_DIR,
          host: flags.host,
          port,
          onError: (err) => process.stderr.write(`harness dashboard: ${err instanceof Error ? err.message : String(err)}\n`),
        });
      } catch (err) {
        await store.close();
        await microbench.close();
        await tradeoffs.close();
        await sweeps.close();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UserError(`port ${port} on ${flags.host} is in use; pass --port <n> (or --port 0 for any free port)`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError(`cannot bind to --host ${flags.host}`);
        throw err;
      }
      const where = config.kind === 'file' ? config.resultsRoot : config.clickhouse?.url;
      process.stdout.write(`dashboard: ${server.url}/  (${store.name} store: ${where})\n`);
      const stop = () => {
        void server.close().then(() => Promise.all([store.close(), microbench.close(), tradeoffs.close(), sweeps.close()])).then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
