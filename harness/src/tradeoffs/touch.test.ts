import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOUCH_LINE, PROBE_TEXT, removeLeftoverProbe, restoreTouchedFiles, touchSource } from './touch.ts';

const GO_LINE = 'var tradeoffsProbe = "{nonce}"';

function source(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'touch-')), 'events.go');
  writeFileSync(file, text);
  return file;
}

describe('touchSource', () => {
  it('appends the manifest\u2019s line with the nonce in it', () => {
    const file = source('package events\n');
    touchSource(file, GO_LINE, 'n1');
    expect(readFileSync(file, 'utf8')).toBe('package events\n\nvar tradeoffsProbe = "n1"\n');
  });

  it('appends a comment by default', () => {
    const file = source('package events\n');
    touchSource(file, DEFAULT_TOUCH_LINE, 'n2');
    expect(readFileSync(file, 'utf8')).toBe(`package events\n\n// ${PROBE_TEXT} n2\n`);
  });

  it('puts the exact bytes back', () => {
    const file = source('package events\r\n\tno final newline');
    touchSource(file, GO_LINE, 'n3').restore();
    expect(readFileSync(file, 'utf8')).toBe('package events\r\n\tno final newline');
  });

  it('puts every touched file back when asked on the way out', () => {
    const a = source('a\n');
    const b = source('b\n');
    touchSource(a, GO_LINE, 'x');
    touchSource(b, '# {nonce}', 'y');
    restoreTouchedFiles();
    expect([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')]).toEqual(['a\n', 'b\n']);
  });

  it('refuses a nonce that could break out of the line', () => {
    expect(() => touchSource(source('x\n'), GO_LINE, 'a"; os.Exit(1)')).toThrow('lower-case letters');
  });
});

describe('removeLeftoverProbe', () => {
  it('removes the probe line a killed run left', () => {
    const file = source('package events\n');
    touchSource(file, GO_LINE, 'left-behind');
    expect(removeLeftoverProbe(file, GO_LINE)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('package events\n');
  });

  it('restores a file that had no final newline', () => {
    const file = source('fn main() {}');
    touchSource(file, DEFAULT_TOUCH_LINE, 'x1');
    removeLeftoverProbe(file);
    expect(readFileSync(file, 'utf8')).toBe('fn main() {}');
  });

  it('leaves a file without a probe line alone', () => {
    const file = source('// an ordinary comment\nvar tradeoffsProbe2 = "keep"\n');
    expect(removeLeftoverProbe(file, GO_LINE)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('// an ordinary comment\nvar tradeoffsProbe2 = "keep"\n');
  });
});
