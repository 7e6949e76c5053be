// Loads a native core: an N-API addon that exports a `Core` class with ProcessorCore's methods and
// the `IMPL` name to report (processors/node-rust's core.node is one). Every problem is one line
// for main.ts to print, never a stack trace.

import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { CoreChoice, ProcessorCore } from './core.ts';

const METHODS = ['ingest', 'analyzeReads', 'key', 'stats', 'reset'] as const;

export class CoreLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoreLoadError';
  }
}

/** `path` is resolved against the working directory. */
export function loadAddonCore(path: string): CoreChoice {
  const file = resolve(path);
  let addon: { Core?: unknown; IMPL?: unknown };
  try {
    addon = createRequire(import.meta.url)(file) as typeof addon;
  } catch (err) {
    throw new CoreLoadError(`cannot load the core addon ${file}: ${firstLine(err)}`);
  }
  if (typeof addon.Core !== 'function' || typeof addon.IMPL !== 'string' || addon.IMPL === '') {
    throw new CoreLoadError(`${file} is not a processor core: it must export a Core class and an IMPL name`);
  }
  let core: ProcessorCore;
  try {
    core = new (addon.Core as new () => ProcessorCore)();
  } catch (err) {
    throw new CoreLoadError(`${file}: its Core cannot be created: ${firstLine(err)}`);
  }
  const missing = METHODS.filter((m) => typeof core[m] !== 'function');
  if (missing.length > 0) throw new CoreLoadError(`${file}: its Core has no ${missing.join(', ')} method`);
  return { impl: addon.IMPL, core };
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
