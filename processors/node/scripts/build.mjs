// The processor's build (processor.json `build.command`): install the pinned Node.js runtime
// into runtime/, then compile src/ to dist/ with tsc.
//
//   node scripts/build.mjs --runtime 26.12.1
//
// The runtime is the official build published on the npm registry as node-<platform>-<arch>
// (the binary is inside the package), so the processor runs on the version its manifest names,
// not on whichever node is on PATH. It lives in runtime/ (gitignored), never in node_modules:
// the harness and the tests keep running on the machine's node. Plain JavaScript on purpose: it
// runs before anything is compiled, on any Node the harness supports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runtimeDir = join(root, 'runtime');
const runtimeNode = join(runtimeDir, 'bin', 'node');

/** A reason the build cannot go on: printed as one line, exit 1 (thrown so clean-ups still run). */
class BuildError extends Error {}

function fail(message) {
  throw new BuildError(message);
}

function run(program, args, options = {}) {
  const result = spawnSync(program, args, { cwd: root, encoding: 'utf8', ...options });
  if (result.error) fail(`cannot run ${program}: ${result.error.message}`);
  return result;
}

function installedVersion() {
  if (!existsSync(runtimeNode)) return undefined;
  const result = spawnSync(runtimeNode, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function lastLine(text) {
  return text.trim().split('\n').at(-1) ?? '';
}

/** npm's own one-line reason: with --json it prints {"error":{"summary":...}} on stdout. */
function npmReason(result) {
  try {
    const summary = JSON.parse(result.stdout)?.error?.summary;
    if (typeof summary === 'string' && summary !== '') return lastLine(summary);
  } catch {
    // not JSON: fall back to the text
  }
  return lastLine(result.stderr) || lastLine(result.stdout) || `exit ${result.status}`;
}

/** Fetches node-<platform>-<arch>@version with npm (registry, cache, integrity check) and swaps it in. */
function installRuntime(version) {
  if (installedVersion() === `v${version}`) return;
  const pkg = `node-${process.platform}-${process.arch}@${version}`;
  const staging = join(root, 'runtime.new');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const pack = run('npm', ['pack', pkg, '--pack-destination', staging, '--json']);
    if (pack.status !== 0) fail(`could not fetch ${pkg} from the npm registry: ${npmReason(pack)}`);
    const filename = JSON.parse(pack.stdout)[0]?.filename;
    if (typeof filename !== 'string') fail(`npm pack ${pkg} did not name the tarball it wrote`);
    // Only the binary and its licence: the package also carries headers and docs (~200 MB).
    const untar = run('tar', ['-xzf', join(staging, filename), '-C', staging, '--strip-components=1', 'package/bin/node', 'package/LICENSE']);
    if (untar.status !== 0) fail(`could not unpack ${filename}: ${lastLine(untar.stderr)}`);
    rmSync(join(staging, filename));
    rmSync(runtimeDir, { recursive: true, force: true });
    renameSync(staging, runtimeDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const got = installedVersion();
  if (got !== `v${version}`) fail(`installed ${pkg}, but runtime/bin/node --version says ${got ?? 'nothing'}`);
}

function parseArgs(argv) {
  const at = argv.indexOf('--runtime');
  const version = at >= 0 ? argv[at + 1] : undefined;
  if (version === undefined || !/^\d+\.\d+\.\d+$/.test(version)) fail('usage: node scripts/build.mjs --runtime <major.minor.patch>');
  return { version };
}

try {
  const { version } = parseArgs(process.argv.slice(2));
  installRuntime(version);
  const tsc = run('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  if (tsc.status !== 0) fail(`tsc failed (exit ${tsc.status ?? tsc.signal})`);
} catch (err) {
  if (!(err instanceof BuildError)) throw err;
  process.stderr.write(`processor-node build: ${err.message}\n`);
  process.exitCode = 1;
}
