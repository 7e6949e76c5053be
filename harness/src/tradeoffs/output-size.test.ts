import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isElf, measureArtifacts, parseLdd, sharedLibraries } from './output-size.ts';

describe('measureArtifacts', () => {
  it('sums a file and every file under a folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'artifacts-'));
    mkdirSync(path.join(dir, 'dist', 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'dist', 'a.js'), 'x'.repeat(10));
    writeFileSync(path.join(dir, 'dist', 'sub', 'b.js'), 'y'.repeat(5));
    writeFileSync(path.join(dir, 'bin'), 'z'.repeat(7));
    expect(measureArtifacts(dir, ['dist', 'bin']).sizes).toEqual([
      { path: 'dist', bytes: 15, files: 2 },
      { path: 'bin', bytes: 7, files: 1 },
    ]);
  });

  it('names an artifact the build did not produce', () => {
    expect(() => measureArtifacts(tmpdir(), ['no/such/binary'])).toThrow('artifact no/such/binary does not exist');
  });
});

describe('parseLdd', () => {
  it('takes resolved libraries and the loader, not the vDSO', () => {
    const out = '\tlinux-vdso.so.1 (0x00007ffd)\n\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f1)\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f2)\n';
    expect(parseLdd(out)).toEqual(['/lib/x86_64-linux-gnu/libstdc++.so.6', '/lib64/ld-linux-x86-64.so.2']);
  });
});

describe('sharedLibraries', () => {
  it('finds what a dynamically linked ELF program loads, libc included', async () => {
    const libs = await sharedLibraries([process.execPath]);
    expect(isElf(process.execPath)).toBe(true);
    expect(libs.some((l) => /libc\.so/.test(l.path))).toBe(true);
    expect(libs.every((l) => l.bytes > 0)).toBe(true);
  });

  it('skips files that are not ELF', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'notelf-')), 'main.js');
    writeFileSync(file, 'console.log(1)\n');
    expect(await sharedLibraries([file])).toEqual([]);
  });
});
