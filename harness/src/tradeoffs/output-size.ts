// Build output size: the bytes of every file of the manifest's artifacts (tradeoffs.artifacts,
// else the build's outputs), and, beside it, the shared libraries the ELF files among them load
// (ldd), each counted once: a binary that links its runtime statically and one that loads it
// from the system then compare on the same terms.
import { execFile } from 'node:child_process';
import { openSync, readSync, closeSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ProcessorManifest } from '../processors/index.ts';
import { buildOutputs } from '../build/outputs.ts';

export const OUTPUT_RULE =
  'apparent bytes of every file of tradeoffs.artifacts (default: the build outputs), after a normal release build from pristine sources: the binary (Go, Rust, C++), dist/ plus the pinned runtime binary (Node); ' +
  'shared libraries the ELF files load at start (ldd, resolved, each once: libc, libstdc++, a C++ build\u2019s Debian libraries) are shown apart';

export interface ArtifactSize {
  path: string;
  bytes: number;
  files: number;
}

export function artifactPaths(manifest: ProcessorManifest): string[] {
  return manifest.tradeoffs?.artifacts ?? buildOutputs(manifest);
}

/** Sizes of the artifacts, and every regular file they hold (for ldd). Throws with the path when one is missing. */
export function measureArtifacts(dir: string, artifacts: readonly string[]): { sizes: ArtifactSize[]; files: string[] } {
  const sizes: ArtifactSize[] = [];
  const files: string[] = [];
  for (const rel of artifacts) {
    const full = path.resolve(dir, rel);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      throw new Error(`artifact ${rel} does not exist after the build`);
    }
    const found = stat.isDirectory() ? filesUnder(full) : [full];
    files.push(...found);
    sizes.push({ path: rel, bytes: found.reduce((s, f) => s + statSync(f).size, 0), files: found.length });
  }
  return { sizes, files };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

export function isElf(file: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, head, 0, 4, 0) === 4 && head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  } finally {
    closeSync(fd);
  }
}

/** Library paths in ldd's output ("libx.so => /lib/libx.so (0x…)" and the loader's own "/lib64/ld-…"). */
export function parseLdd(output: string): string[] {
  const paths: string[] = [];
  for (const line of output.split('\n')) {
    const arrow = /=>\s+(\/\S+)/.exec(line);
    const bare = /^\s*(\/\S+)\s+\(0x/.exec(line);
    const p = arrow?.[1] ?? bare?.[1];
    if (p) paths.push(p);
  }
  return paths;
}

const execFileAsync = promisify(execFile);

/** Each shared library the ELF files load, once, with its size (the file behind its symlinks). */
export async function sharedLibraries(files: readonly string[]): Promise<Array<{ path: string; bytes: number }>> {
  const seen = new Map<string, number>();
  for (const file of files) {
    if (!isElf(file)) continue;
    let stdout = '';
    try {
      ({ stdout } = await execFileAsync('ldd', [file], { encoding: 'utf8' }));
    } catch {
      continue; // "not a dynamic executable" (a static binary) exits non-zero: it loads nothing
    }
    for (const lib of parseLdd(stdout)) {
      const real = realpathSync(lib);
      if (!seen.has(real)) seen.set(real, statSync(real).size);
    }
  }
  return [...seen].map(([p, bytes]) => ({ path: p, bytes })).sort((a, b) => a.path.localeCompare(b.path));
}
