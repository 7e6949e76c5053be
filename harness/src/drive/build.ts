// Builds the native driver (harness/driver) once: skipped when the release binaries are newer
// than every source file, otherwise `cargo build --release` (incremental, a few seconds).
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors/user-error.ts';

export const DRIVER_CRATE_DIR = fileURLToPath(new URL('../../driver/', import.meta.url));

export interface DriverBinaries {
  driver: string;
  trivialServer: string;
  stallRecorder: string;
  stallInjector: string;
  closedLoop: string;
}

const release = (name: string) => join(DRIVER_CRATE_DIR, 'target', 'release', name);
const binaries: DriverBinaries = {
  driver: release('driver'),
  trivialServer: release('trivial-server'),
  stallRecorder: release('stall-recorder'),
  stallInjector: release('stall-injector'),
  closedLoop: release('closed-loop'),
};

async function newestSourceMtimeMs(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSourceMtimeMs(p));
    else newest = Math.max(newest, (await stat(p)).mtimeMs);
  }
  return newest;
}

async function upToDate(): Promise<boolean> {
  try {
    const built = Math.min(...(await Promise.all(Object.values(binaries).map(async (b: string) => (await stat(b)).mtimeMs))));
    const sources = Math.max(
      await newestSourceMtimeMs(join(DRIVER_CRATE_DIR, 'src')),
      (await stat(join(DRIVER_CRATE_DIR, 'Cargo.toml'))).mtimeMs,
      (await stat(join(DRIVER_CRATE_DIR, 'Cargo.lock'))).mtimeMs,
    );
    return built >= sources;
  } catch {
    return false;
  }
}

function cargoBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('cargo', ['build', '--release', '--quiet', '--locked'], { cwd: DRIVER_CRATE_DIR, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => reject(new UserError(`cannot run cargo to build the load driver (is Rust installed?): ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cargo build of harness/driver failed (exit ${code}):\n${stderr}`))));
  });
}

let pending: Promise<DriverBinaries> | undefined;

/** Paths of the release binaries, building them first if the sources changed. */
export function ensureDriverBuilt(): Promise<DriverBinaries> {
  pending ??= (async () => {
    if (!(await upToDate())) await cargoBuild();
    return binaries;
  })();
  pending.catch(() => (pending = undefined));
  return pending;
}
