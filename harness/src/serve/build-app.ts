// Builds the dashboard (vite) when dist/ is missing or older than its sources, so
// `harness dashboard` works on a fresh clone and after a pull without a separate build step.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard', import.meta.url));
export const DIST_DIR = path.join(DASHBOARD_DIR, 'dist');

const INPUTS = ['index.html', 'vite.config.ts', 'package.json', 'src'];

async function newestMtime(p: string): Promise<number> {
  let st;
  try {
    st = await stat(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let newest = 0;
  for (const entry of await readdir(p)) newest = Math.max(newest, await newestMtime(path.join(p, entry)));
  return newest;
}

/** Why a build is needed, or undefined when dist/ is up to date. */
export async function buildReason(dashboardDir = DASHBOARD_DIR): Promise<string | undefined> {
  let built: number;
  try {
    built = (await stat(path.join(dashboardDir, 'dist', 'index.html'))).mtimeMs;
  } catch {
    return 'dist/ is missing';
  }
  let sources = 0;
  for (const input of INPUTS) sources = Math.max(sources, await newestMtime(path.join(dashboardDir, input)));
  return sources > built ? 'sources changed since the last build' : undefined;
}

function viteBin(dashboardDir: string): string {
  const require = createRequire(path.join(dashboardDir, 'package.json'));
  return path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
}

/** Runs `vite build` in the dashboard folder; rejects with the tail of its output on failure. */
export async function buildDashboard(dashboardDir = DASHBOARD_DIR): Promise<void> {
  const child = spawn(process.execPath, [viteBin(dashboardDir), 'build', '--logLevel', 'warn'], {
    cwd: dashboardDir,
    // Under vitest NODE_ENV is "test", which vite passes on to React: a development build, 30% larger and slower.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`vite build failed (exit ${code}):\n${output.slice(-4000)}`);
}

/** Builds when needed; returns what it did, for a one-line message. */
export async function ensureDashboardBuilt(opts: { force?: boolean; dashboardDir?: string } = {}): Promise<string> {
  const dir = opts.dashboardDir ?? DASHBOARD_DIR;
  const reason = opts.force ? 'rebuild requested' : await buildReason(dir);
  if (!reason) return 'dashboard build is up to date';
  await buildDashboard(dir);
  return `built the dashboard (${reason})`;
}
