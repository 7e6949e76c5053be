// Starts the real dashboard server (the one `harness dashboard` runs) over a results folder, on a
// free port, after making sure the app is built.
import { DIST_DIR, ensureDashboardBuilt } from '../../harness/src/serve/build-app.ts';
import { fileClaimsSource } from '../../harness/src/serve/claims.ts';
import { startDashboardServer, type DashboardServer } from '../../harness/src/serve/server.ts';
import { FileStore, MicrobenchFileStore } from '../../harness/src/store/index.ts';

/** `microbenchRoot`: micro-benchmark results (default: a folder that does not exist, so none). */
export async function startSeededDashboard(resultsRoot: string, microbenchRoot = `${resultsRoot}-no-microbench`): Promise<DashboardServer> {
  await ensureDashboardBuilt();
  return startDashboardServer({
    store: new FileStore(resultsRoot),
    claims: fileClaimsSource(resultsRoot),
    microbench: new MicrobenchFileStore(microbenchRoot),
    distDir: DIST_DIR,
    host: '127.0.0.1',
    port: 0,
  });
}
