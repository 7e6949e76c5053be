// Runs one benchmark program: its output is shown as it comes (on stderr: stdout is the
// harness's summary) and kept in a log file; stdout is also returned, for the tools whose
// results are their text (go test -bench).
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The program could not be started (not on PATH, not executable). */
  spawn_error?: string;
  stdout: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Live output; default: the harness's stderr. */
  echo?: (chunk: Buffer) => void;
}

export function runBenchCommand(command: readonly string[], opts: RunOptions): Promise<CommandResult> {
  const [program, ...args] = command;
  const echo = opts.echo ?? ((chunk: Buffer) => void process.stderr.write(chunk));
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  log.write(`$ (cd ${opts.cwd} && ${command.join(' ')})\n`);
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const child = spawn(program!, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (chunk: Buffer, keep: boolean) => {
      log.write(chunk);
      echo(chunk);
      if (keep) stdout.push(chunk);
    };
    child.stdout.on('data', (c: Buffer) => take(c, true));
    child.stderr.on('data', (c: Buffer) => take(c, false));
    let spawnError: string | undefined;
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = err.code === 'ENOENT' ? `"${program}" was not found (PATH, or the source folder)` : err.message;
    });
    child.on('close', (code, signal) => {
      const trailer = spawnError ? `could not start: ${spawnError}\n` : `exit code ${code ?? 'none'}${signal ? `, signal ${signal}` : ''}\n`;
      log.end(trailer, () => resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), ...(spawnError ? { spawn_error: spawnError } : {}) }));
    });
  });
}
