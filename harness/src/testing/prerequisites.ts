// What `npm test` needs besides Node, Go and cargo, checked before anything runs, so a newcomer
// learns in one line what to install instead of a green run with suites skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Prerequisite {
  name: string;
  /** Why the tests need it. */
  for: string;
  present: () => boolean;
  /** Debian package(s) that install it, or a pip command. */
  install: { apt?: string[]; pip?: string[] };
}

const onPath = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
const pythonImports = (module: string) => spawnSync('python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;

export const PREREQUISITES: readonly Prerequisite[] = [
  { name: 'clickhouse-server', for: 'the ClickHouse store tests (a real server)', present: () => onPath('clickhouse-server') || onPath('clickhouse'), install: { apt: ['clickhouse-server', 'clickhouse-client'] } },
  { name: 'chromium', for: 'the dashboard browser tests', present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'), install: { apt: ['chromium'] } },
  { name: 'python3 venv', for: 'the Python interop build (maturin) and pytest', present: () => pythonImports('ensurepip') && pythonImports('venv'), install: { apt: ['python3-venv'] } },
  {
    name: 'the C++ toolchain and libraries', for: 'the C++ processor (CMake, Boost.Beast, simdjson, jemalloc, GoogleTest)',
    present: () => onPath('cmake') && onPath('ninja') && onPath('g++') && ['/usr/include/boost/beast.hpp', '/usr/include/simdjson.h', '/usr/include/jemalloc/jemalloc.h', '/usr/include/gtest/gtest.h'].every((f) => existsSync(f)),
    install: { apt: ['g++', 'cmake', 'ninja-build', 'libboost-dev', 'libsimdjson-dev', 'libjemalloc-dev', 'libgtest-dev'] },
  },
  { name: 'chDB', for: 'the store SQL check on a current ClickHouse engine', present: () => pythonImports('chdb'), install: { pip: ['chdb-core'] } },
];

/** One line naming what is missing and the command that installs it, or undefined. */
export function missingLine(prereqs: readonly Prerequisite[] = PREREQUISITES): string | undefined {
  const missing = prereqs.filter((p) => !p.present());
  if (missing.length === 0) return undefined;
  const apt = missing.flatMap((m) => m.install.apt ?? []);
  const pip = missing.flatMap((m) => m.install.pip ?? []);
  const commands = [
    ...(apt.length ? [`sudo apt-get install -y ${apt.join(' ')}`] : []),
    ...(pip.length ? [`python3 -m pip install ${pip.join(' ')}`] : []),
  ];
  return `npm test needs ${missing.map((m) => `${m.name} (${m.for})`).join(', ')}: install with \`${commands.join(' && ')}\`, or run \`sudo bash .ci/run\`, which installs everything and then tests`;
}
