import { describe, expect, it } from 'vitest';
import { debianDependencies } from './debian.ts';

const stanza = (name: string, depends = '', extra = '') =>
  `Package: ${name}\nStatus: install ok installed\nVersion: 1.${name.length}\n${depends ? `Depends: ${depends}\n` : ''}${extra}`;

const status = [
  stanza('g++', 'g++-12 (>= 12.2.0-1~)'),
  stanza('g++-12', 'libstdc++-12-dev (= 12.2.0-14), libc6 (>= 2.34)'),
  stanza('libstdc++-12-dev', 'libc6-dev | libc-dev'),
  stanza('libc6-dev', 'libc6'),
  stanza('libc6'),
  stanza('libboost-dev', 'libboost1.74-dev'),
  stanza('libboost1.74-dev', 'libstdc++-12-dev'),
  stanza('libsimdjson-dev', 'libsimdjson14 (= 3.0.1-1)'),
  stanza('libsimdjson14', 'libc6 (>= 2.14), libstdc++6:amd64 (>= 5.2)'),
  stanza('libstdc++6', 'libc6'),
  `Package: old-lib\nStatus: deinstall ok config-files\nVersion: 0\n`,
].join('\n');

describe('debianDependencies', () => {
  it('closes over Depends and leaves out what the toolchain pulls in', () => {
    expect(debianDependencies(status, ['libboost-dev', 'libsimdjson-dev'], ['g++'])).toEqual({
      direct: ['libboost-dev@1.12', 'libsimdjson-dev@1.15'],
      all: ['libboost-dev@1.12', 'libboost1.74-dev@1.16', 'libsimdjson-dev@1.15', 'libsimdjson14@1.13', 'libstdc++6@1.10'],
    });
  });

  it('names packages that are not installed', () => {
    expect(() => debianDependencies(status, ['old-lib', 'libfoo-dev'], ['g++'])).toThrow('old-lib, libfoo-dev not installed');
  });
});
