import { describe, expect, it } from 'vitest';
import { configFromEnv, ConfigError } from './config.ts';

describe('configFromEnv', () => {
  it('uses the spec defaults when nothing is set', () => {
    expect(configFromEnv({})).toEqual({ host: '127.0.0.1', port: 8080, threads: 1, maxBodyBytes: 4194304 });
  });

  it('reads HOST, PORT, THREADS and MAX_BODY_BYTES', () => {
    expect(configFromEnv({ HOST: '0.0.0.0', PORT: '9000', THREADS: '2', MAX_BODY_BYTES: '1024' })).toEqual({
      host: '0.0.0.0',
      port: 9000,
      threads: 2,
      maxBodyBytes: 1024,
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '0x10'],
    ['THREADS', '0'],
    ['THREADS', '-1'],
    ['MAX_BODY_BYTES', '1e6'],
  ])('rejects %s=%s with a ConfigError naming the variable', (name, value) => {
    expect(() => configFromEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => configFromEnv({ [name]: value })).toThrow(name);
  });
});
