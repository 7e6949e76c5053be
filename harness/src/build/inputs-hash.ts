// The cache key of a build: the content of every file named by build.inputs (folders walked
// recursively, in a fixed order), the build command and the toolchain version. A changed
// compiler invalidates the cache as surely as a changed source file.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

function collectFiles(dir: string, relPath: string, out: string[]): void {
  const full = join(dir, relPath);
  if (!existsSync(full)) return;
  const stat = statSync(full);
  if (stat.isFile()) {
    out.push(relPath);
    return;
  }
  if (!stat.isDirectory()) return;
  const entries = readdirSync(full).sort();
  for (const entry of entries) collectFiles(dir, join(relPath, entry), out);
}

export function hashBuildInputs(dir: string, inputs: readonly string[], command: readonly string[], toolchainVersion: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ command, toolchainVersion }));
  for (const input of [...inputs].sort()) {
    const files: string[] = [];
    collectFiles(dir, input, files);
    // A missing input is part of the key too: creating it later must invalidate the cache.
    if (files.length === 0) hash.update(`\0missing:${input}\0`);
    for (const file of files) {
      hash.update(`\0file:${file}\0`);
      hash.update(readFileSync(join(dir, file)));
    }
  }
  return hash.digest('hex');
}
