import { describe, expect, it } from 'vitest';
import { globBase, globToRegExp } from './glob.ts';

describe('globToRegExp', () => {
  it('matches any number of folders with **/', () => {
    const re = globToRegExp('src/**/*.test.ts');
    expect(['src/a.test.ts', 'src/x/y/a.test.ts'].every((p) => re.test(p))).toBe(true);
    expect(re.test('src/a.ts')).toBe(false);
  });

  it('keeps * within one folder name', () => {
    expect(globToRegExp('src/*.ts').test('src/x/a.ts')).toBe(false);
  });

  it('matches everything below a trailing **', () => {
    expect(globToRegExp('src/testing/**').test('src/testing/a/b.ts')).toBe(true);
  });

  it('takes dots literally', () => {
    expect(globToRegExp('**/*_test.go').test('a/b_testXgo')).toBe(false);
  });

  it('matches paths that leave the folder', () => {
    expect(globToRegExp('../node/src/**/*.test.ts').test('../node/src/a.test.ts')).toBe(true);
  });
});

describe('globBase', () => {
  it('is the folder before the first wildcard', () => {
    expect(globBase('../rust/src/**/tests.rs')).toBe('../rust/src');
    expect(globBase('*.go')).toBe('.');
  });
});
