// Starts the real dashboard server (the one `harness dashboard` runs) over a results folder, on a
// free port, after making sure the app is built.
import { DIST_DIR, ensureDashboardBuilt } from '../../harness/src/serve/build-app.ts';
import { fileClaimsSource } from '../../harness/src/serve/claims.ts';
import { startDashboardServer, type DashboardServer } from '../../harness/src/serve/server.ts';
import { FileStore, MicrobenchFileStore } from '../../harness/src/store/index.ts';
import { fileSweepSource } from '../../harness/src/store/sweep-source.ts';
import { fileTradeoffsSource } from '../../harness/src/store/tradeoffs-source.ts';

/**
 * `microbenchRoot`: micro-benchmark results (default: a folder that does not exist, so none);
 * `tradeoffsRoot`: the folder of `harness tradeoffs` runs (default: none, the view says so);
 * `sweepsRoot`: the folder of `harness sweep` results (default: none).
 */
export async function startSeededDashboard(resultsRoot: string, microbenchRoot = `${resultsRoot}-no-microbench`, tradeoffsRoot = `${resultsRoot}/no-tradeoffs`, sweepsRoot = `${resultsRoot}/no-sweeps`): Promise<DashboardServer> {
  await ensureDashboardBuilt();
  return startDashboardServer({
    store: new FileStore(resultsRoot),
    claims: fileClaimsSource(resultsRoot),
    microbench: new MicrobenchFileStore(microbenchRoot),
    tradeoffs: fileTradeoffsSource(tradeoffsRoot),
    sweeps: fileSweepSource(sweepsRoot),
    distDir: DIST_DIR,
    host: '127.0.0.1',
    port: 0,
  });
}
