import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_TEXT, removeLeftoverProbe, restoreTouchedFiles, touchSource } from './touch.ts';

function source(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'touch-')), 'events.go');
  writeFileSync(file, text);
  return file;
}

describe('touchSource', () => {
  it('appends a comment line holding the nonce', () => {
    const file = source('package events\n');
    touchSource(file, '//', 'n1');
    expect(readFileSync(file, 'utf8')).toBe(`package events\n\n// ${PROBE_TEXT} n1\n`);
  });

  it('puts the exact bytes back', () => {
    const file = source('package events\r\n\tno final newline');
    touchSource(file, '//', 'n2').restore();
    expect(readFileSync(file, 'utf8')).toBe('package events\r\n\tno final newline');
  });

  it('puts every touched file back when asked on the way out', () => {
    const a = source('a\n');
    const b = source('b\n');
    touchSource(a, '//', 'x');
    touchSource(b, '#', 'y');
    restoreTouchedFiles();
    expect([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')]).toEqual(['a\n', 'b\n']);
  });
});

describe('removeLeftoverProbe', () => {
  it('removes the probe line a killed run left', () => {
    const file = source('fn main() {}\n');
    touchSource(file, '//', 'left-behind');
    expect(removeLeftoverProbe(file, '//')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('fn main() {}\n');
  });

  it('restores a file that had no final newline', () => {
    const file = source('fn main() {}');
    touchSource(file, '//', 'x1');
    removeLeftoverProbe(file, '//');
    expect(readFileSync(file, 'utf8')).toBe('fn main() {}');
  });

  it('leaves a file without a probe line alone', () => {
    const file = source('// an ordinary comment\nfn main() {}\n');
    expect(removeLeftoverProbe(file, '//')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('// an ordinary comment\nfn main() {}\n');
  });
});
