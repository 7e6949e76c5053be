// Start-up configuration from the environment (names and defaults from processors/README.md).
// A bad value is a start-up failure: main.ts prints the ConfigError's message as one line and
// exits non-zero, so no half-configured server ever listens.

export interface Config {
  /** Address to listen on. */
  readonly host: string;
  /** TCP port (0 lets the OS pick, used by the tests). */
  readonly port: number;
  /** The CPU-budget knob. Node serves from one event loop whatever its value (see README). */
  readonly threads: number;
  /** Largest accepted request body, in bytes. */
  readonly maxBodyBytes: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const DEFAULTS = { host: '127.0.0.1', port: 8080, threads: 1, maxBodyBytes: 4 * 1024 * 1024 };

export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const host = env['HOST'] === undefined || env['HOST'] === '' ? DEFAULTS.host : env['HOST'];
  return {
    host,
    port: intVar(env, 'PORT', DEFAULTS.port, 0, 65535),
    threads: intVar(env, 'THREADS', DEFAULTS.threads, 1, 4096),
    maxBodyBytes: intVar(env, 'MAX_BODY_BYTES', DEFAULTS.maxBodyBytes, 0, Number.MAX_SAFE_INTEGER),
  };
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  // Digits only: Number() would also take "0x10", "1e3" or " 8 ", which no other implementation accepts.
  if (!/^[0-9]+$/.test(raw)) throw new ConfigError(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${raw}`);
  return n;
}
