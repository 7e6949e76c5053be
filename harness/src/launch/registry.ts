// Every processor the harness starts is registered here, so that no exit path leaves one
// running: a normal exit, an uncaught error, Ctrl-C (SIGINT) or SIGTERM. The signal handlers
// exist only while children exist, so a harness with nothing running keeps Node's default
// signal behaviour. (SIGKILL of the harness cannot be caught; nothing can clean up after it.)
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
let installed = false;

function killAllNow(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        // Already gone: nothing to clean up.
      }
    }
  }
}

async function stopAllThenExit(signal: NodeJS.Signals): Promise<void> {
  const waits = [...children].map(
    (child) =>
      new Promise<void>((resolveWait) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolveWait();
        child.once('exit', () => resolveWait());
        child.kill('SIGTERM');
      }),
  );
  const grace = new Promise<void>((r) => setTimeout(r, 3000).unref());
  await Promise.race([Promise.all(waits), grace]);
  killAllNow();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

let deferredHandler: ((signal: NodeJS.Signals) => void) | undefined;

/**
 * A long-running command (`harness run`) takes over Ctrl-C: instead of exiting at once, the
 * handler is told, so it can stop its children itself and write what was measured as
 * incomplete. A second signal still exits immediately.
 */
export function deferSignals(handler: ((signal: NodeJS.Signals) => void) | undefined): void {
  deferredHandler = handler;
}

const onSignal = (signal: NodeJS.Signals): void => {
  if (deferredHandler) {
    const handler = deferredHandler;
    deferredHandler = undefined;
    handler(signal);
    return;
  }
  process.stderr.write(`harness: ${signal} received, stopping ${children.size} processor(s)\n`);
  void stopAllThenExit(signal);
};

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAllNow);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', killAllNow);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

export function registerChild(child: ChildProcess): void {
  children.add(child);
  install();
  child.once('exit', () => {
    children.delete(child);
    if (children.size === 0) uninstall();
  });
}

/** How many launched processes are still running (for tests and diagnostics). */
export function runningChildCount(): number {
  return children.size;
}
