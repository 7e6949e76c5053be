// The ClickHouse server the tests use: the one at CLICKHOUSE_URL (or the local default) when it
// answers; otherwise an installed clickhouse-server started for this test run on free ports with
// a temporary data folder, and stopped (folder removed) afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../launch/port.ts';
import { DEFAULT_CLICKHOUSE_URL } from '../store/config.ts';

export interface TestClickHouse {
  url: string;
  /** True when this run started the server (and stop() will end it). */
  started: boolean;
  stop(): Promise<void>;
}

const SYSTEM_CONFIG = '/etc/clickhouse-server/config.xml';

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/ping', url), { signal: AbortSignal.timeout(2000) });
    return res.ok && (await res.text()).startsWith('Ok');
  } catch {
    return false;
  }
}

export async function clickHouseForTests(log: (line: string) => void): Promise<TestClickHouse> {
  const existing = process.env.CLICKHOUSE_URL || DEFAULT_CLICKHOUSE_URL;
  if (await answers(existing)) return { url: existing, started: false, stop: async () => undefined };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'harness-clickhouse-'));
  const [http, tcp, interserver] = [await freePort(), await freePort(), await freePort()];
  const program = 'clickhouse-server';
  // Command-line overrides (after `--`) move every port and path of the packaged config.
  const args = [
    ...(existsSync(SYSTEM_CONFIG) ? [`--config-file=${SYSTEM_CONFIG}`] : []),
    '--', `--http_port=${http}`, `--tcp_port=${tcp}`, `--interserver_http_port=${interserver}`,
    `--path=${dir}/data/`, `--tmp_path=${dir}/tmp/`, `--user_files_path=${dir}/user_files/`, `--format_schema_path=${dir}/format_schemas/`,
    `--logger.log=${dir}/server.log`, `--logger.errorlog=${dir}/error.log`,
  ];
  const child: ChildProcess = spawn(program, args, { cwd: dir, stdio: 'ignore', detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${http}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`clickhouse-server did not start (see ${dir}/error.log); start one yourself with \`bash .ci/start-clickhouse\``);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`started clickhouse-server for the tests at ${url} (data in ${dir}, removed afterwards)`);
  return { url, started: true, stop };
}
