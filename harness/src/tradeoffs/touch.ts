// The incremental rebuild needs a real change to one source file: a new last line holding a fresh
// nonce (tradeoffs.touch_line), so that toolchains keying their caches on content (Go) rebuild as
// surely as those looking at modification times (cargo, ninja). The file's exact bytes are put
// back afterwards, on every way out: normal return, a thrown error, a signal, process exit. A
// probe line left by a killed run (SIGKILL cannot be caught) is recognised and removed first.
import { readFileSync, writeFileSync } from 'node:fs';

export const PROBE_TEXT = 'harness tradeoffs: incremental-rebuild probe (safe to delete)';
export const DEFAULT_TOUCH_LINE = `// ${PROBE_TEXT} {nonce}`;
const NONCE = '{nonce}';

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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function probeLine(template: string): RegExp {
  return new RegExp(`\\n${template.split(NONCE).map(escape).join('[0-9a-z-]+')}\\n$`);
}

/** Removes a probe line a killed run left at the end of the file; true when there was one. */
export function removeLeftoverProbe(file: string, template: string = DEFAULT_TOUCH_LINE): boolean {
  const text = readFileSync(file, 'utf8');
  const cleaned = text.replace(probeLine(template), '');
  if (cleaned === text) return false;
  writeFileSync(file, cleaned);
  return true;
}

export interface Touched {
  /** Writes the original bytes back (idempotent). */
  restore(): void;
}

/** Appends the probe line with `nonce` (lower-case letters, digits, "-"); the caller restores (the exit hook covers a crash). */
export function touchSource(file: string, template: string, nonce: string): Touched {
  if (!/^[0-9a-z-]+$/.test(nonce)) throw new Error(`probe nonce "${nonce}" must be lower-case letters, digits and "-"`);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', restoreAllNow);
  }
  const original = readFileSync(file);
  pending.set(file, original);
  // Always "\n<probe>\n" after the original text, so removing exactly that gives it back.
  writeFileSync(file, `${original.toString('utf8')}\n${template.split(NONCE).join(nonce)}\n`);
  return {
    restore() {
      const kept = pending.get(file);
      if (kept === undefined) return;
      writeFileSync(file, kept);
      pending.delete(file);
    },
  };
}
