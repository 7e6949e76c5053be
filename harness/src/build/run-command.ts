// Runs one manifest command with its output appended to a log file, keeping the last lines in
// memory so a failure can be shown without reopening the log.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface CommandOutcome {
  /** Exit code, or null when killed by a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started at all (ENOENT: not on PATH). */
  spawn_error?: NodeJS.ErrnoException;
  stdout: string;
  tail: string;
}

const TAIL_BYTES = 4000;

export function runCommand(command: readonly string[], cwd: string, logPath: string): Promise<CommandOutcome> {
  const [program, ...args] = command;
  const log = createWriteStream(logPath, { flags: 'a' });
  log.write(`$ (cd ${cwd} && ${command.join(' ')})\n`);
  return new Promise((resolvePromise) => {
    let stdout = '';
    let tail = '';
    const keep = (chunk: Buffer, isStdout: boolean): void => {
      log.write(chunk);
      const text = chunk.toString('utf8');
      if (isStdout) stdout += text;
      tail = (tail + text).slice(-TAIL_BYTES);
    };
    const child = spawn(program!, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => keep(c, true));
    child.stderr.on('data', (c: Buffer) => keep(c, false));
    let spawnError: NodeJS.ErrnoException | undefined;
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = err;
    });
    child.on('close', (code, signal) => {
      const trailer = spawnError ? `could not start: ${spawnError.message}\n` : `exit code ${code ?? 'none'}${signal ? `, signal ${signal}` : ''}\n`;
      log.end(trailer, () =>
        resolvePromise({ code, signal, stdout, tail: spawnError ? trailer : tail, ...(spawnError ? { spawn_error: spawnError } : {}) }),
      );
    });
  });
}

// What to tell a user whose machine lacks a program a manifest needs.
const INSTALL_HINTS: Record<string, string> = {
  go: 'install Go (https://go.dev/dl/)',
  cargo: 'install Rust with rustup (https://rustup.rs)',
  rustc: 'install Rust with rustup (https://rustup.rs)',
  node: 'install Node.js 20 or later',
  npm: 'install Node.js 20 or later (it ships npm)',
  npx: 'install Node.js 20 or later (it ships npx)',
};

export function missingToolMessage(program: string, processorName: string): string {
  const hint = INSTALL_HINTS[program] ?? `install it or put it on PATH`;
  return `${processorName}: "${program}" was not found on PATH: ${hint}`;
}
