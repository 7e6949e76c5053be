// stdout and stderr may vanish under a running command: `harness run | tee log` loses its reader
// when tee dies on Ctrl-C (EPIPE), a closed terminal turns writes into EIO. Node then emits an
// 'error' on the stream, which would crash the process before it writes its final manifest.
// This module swallows those errors, remembers which stream is gone, and sends data meant for a
// closed stdout to stderr instead, so the summary still reaches a person when it can.

const GONE = new Set(['EPIPE', 'EIO', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

const closed = { stdout: false, stderr: false };

function markClosed(name: 'stdout' | 'stderr'): void {
  closed[name] = true;
}

function watch(name: 'stdout' | 'stderr', stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== undefined && GONE.has(err.code)) {
      markClosed(name);
      return;
    }
    // Any other stream error is unexpected; keep it visible without crashing the run.
    if (name === 'stdout' && !closed.stderr) process.stderr.write(`harness: stdout: ${err.message}\n`);
  });
}

let installed = false;

/** Installs the guards once per process (main.ts). */
export function guardStdio(): void {
  if (installed) return;
  installed = true;
  watch('stdout', process.stdout);
  watch('stderr', process.stderr);
}

/** Whether a write to the stream already failed because its reader is gone. */
export function isClosed(name: 'stdout' | 'stderr'): boolean {
  return closed[name];
}

/** Data output (summaries, tables): stdout, or stderr once stdout's reader is gone. */
export function writeData(text: string): void {
  const toStderr = () => {
    if (!closed.stderr) process.stderr.write(text);
  };
  if (closed.stdout) return toStderr();
  // The first write to a dead pipe only fails in its callback: resend that text to stderr.
  process.stdout.write(text, (err) => {
    if (err) {
      markClosed('stdout');
      toStderr();
    }
  });
}

/**
 * A stdout pipe whose write failed stays an active handle (Node never closes fd 1 itself), so a
 * command that finished would wait forever: end the process once the command is done.
 */
export function exitIfStdioClosed(): void {
  if (closed.stdout || closed.stderr) process.exit();
}
