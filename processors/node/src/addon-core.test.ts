import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoreLoadError, loadAddonCore } from './addon-core.ts';

/** A CommonJS module standing in for an addon (require loads .cjs and .node files alike). */
function moduleFile(source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'core-addon-')), 'core.cjs');
  writeFileSync(file, source);
  return file;
}

const COMPLETE = `class Core { ingest() {} analyzeReads() {} key() {} stats() {} reset() {} }
module.exports = { Core, IMPL: 'node-test' };`;

describe('loadAddonCore', () => {
  it('returns a new Core and the IMPL name it exports', () => {
    const choice = loadAddonCore(moduleFile(COMPLETE));
    expect(choice.impl).toBe('node-test');
    expect(typeof choice.core.ingest).toBe('function');
  });

  it('names the file it cannot load', () => {
    expect(() => loadAddonCore('/nonexistent/core.node')).toThrow(CoreLoadError);
    expect(() => loadAddonCore('/nonexistent/core.node')).toThrow('/nonexistent/core.node');
  });

  it('refuses a module without a Core class and an IMPL name', () => {
    expect(() => loadAddonCore(moduleFile('module.exports = { IMPL: "x" };'))).toThrow('must export a Core class and an IMPL name');
  });

  it('reports a Core whose constructor throws', () => {
    const failing = moduleFile(`class Core { constructor() { throw new Error('no state'); } } module.exports = { Core, IMPL: 'x' };`);
    expect(() => loadAddonCore(failing)).toThrow('its Core cannot be created: no state');
  });

  it('names the methods a Core lacks', () => {
    const partial = moduleFile(`class Core { ingest() {} key() {} } module.exports = { Core, IMPL: 'x' };`);
    expect(() => loadAddonCore(partial)).toThrow('no analyzeReads, stats, reset method');
  });
});
