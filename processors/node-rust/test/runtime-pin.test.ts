// node-rust runs processors/node's code on processors/node's runtime: both manifests pin the
// runtime version in their build command, and they must pin the same one, or a comparison of
// node against node-rust would also compare two Node versions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const processors = path.resolve(import.meta.dirname, '../..');
const pinned = (name: string): string | undefined => {
  const manifest = JSON.parse(readFileSync(path.join(processors, name, 'processor.json'), 'utf8'));
  return /--runtime[" ,]+(\d+\.\d+\.\d+)/.exec(manifest.build.command.join(' '))?.[1];
};

describe('the Node runtime of node-rust', () => {
  it('is the one processors/node pins', () => {
    expect(pinned('node')).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pinned('node-rust')).toBe(pinned('node'));
  });
});
