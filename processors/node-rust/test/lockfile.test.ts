// The addon compiles the core with the crate versions the Rust processor is built with.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** crate name → the versions a Cargo.lock pins (`[[package]]` tables: name, then version). */
function lockedVersions(path: URL): Map<string, string[]> {
  const versions = new Map<string, string[]>();
  for (const [, name, version] of readFileSync(path, 'utf8').matchAll(/^name = "([^"]+)"\nversion = "([^"]+)"$/gm)) {
    versions.set(name!, [...(versions.get(name!) ?? []), version!].sort());
  }
  return versions;
}

describe('Cargo.lock', () => {
  it('pins the crates it shares with processors/rust at the same versions', () => {
    const processor = lockedVersions(new URL('../../rust/Cargo.lock', import.meta.url));
    const addon = lockedVersions(new URL('../Cargo.lock', import.meta.url));
    const shared = [...addon.keys()].filter((name) => processor.has(name) && name !== 'processor');
    expect(shared).toEqual(expect.arrayContaining(['serde', 'serde_json', 'foldhash']));
    expect(Object.fromEntries(shared.map((n) => [n, addon.get(n)]))).toEqual(Object.fromEntries(shared.map((n) => [n, processor.get(n)])));
  });
});
