// The incremental rebuild needs a real change to one source file: a new last line, a comment
// holding a fresh nonce, so that toolchains that key their caches on content (Go) rebuild as
// surely as those that look at modification times (cargo, ninja). The file's exact bytes are put
// back afterwards, on every way out: normal return, a thrown error, a signal, process exit. A
// probe line left by a killed run (SIGKILL cannot be caught) is recognised and removed first.
import { readFileSync, writeFileSync } from 'node:fs';

export const PROBE_TEXT = 'harness tradeoffs: incremental-rebuild probe (safe to delete)';

const pending = new Map<string, Buffer>();
let exitHookInstalled = false;

function restoreAllNow(): void {
  for (const [file, original] of pending) {
    try {
      writeFileSync(file, original);
    } catch {
      // Nothing more can be done on the way out; the probe line says what it is.
    }
  }
  pending.clear();
}

/** Puts back every touched file now (the second-signal path, before process.exit). */
export const restoreTouchedFiles = restoreAllNow;

function probeLine(comment: string): RegExp {
  const escaped = comment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\n${escaped} ${PROBE_TEXT.replace(/[()]/g, '\\$&')} [0-9a-z-]+\\n$`);
}

/** Removes a probe line a killed run left at the end of the file; true when there was one. */
export function removeLeftoverProbe(file: string, comment: string): boolean {
  const text = readFileSync(file, 'utf8');
  const cleaned = text.replace(probeLine(comment), '');
  if (cleaned === text) return false;
  writeFileSync(file, cleaned);
  return true;
}

export interface Touched {
  /** Writes the original bytes back (idempotent). */
  restore(): void;
}

/** Appends the probe line with `nonce`; the caller restores (the exit hook covers a crash). */
export function touchSource(file: string, comment: string, nonce: string): Touched {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', restoreAllNow);
  }
  const original = readFileSync(file);
  pending.set(file, original);
  const text = original.toString('utf8');
  // Always "\n<probe>\n" after the original text, so removing exactly that gives it back.
  writeFileSync(file, `${text}\n${comment} ${PROBE_TEXT} ${nonce}\n`);
  return {
    restore() {
      const kept = pending.get(file);
      if (kept === undefined) return;
      writeFileSync(file, kept);
      pending.delete(file);
    },
  };
}
