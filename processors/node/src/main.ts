// Entry point: configuration, listen, graceful shutdown. Run as `node dist/main.js`.

import { configFromEnv, ConfigError } from './config.ts';
import { createProcessor } from './server.ts';

/** SIGTERM must end the process within 2 s; in-flight requests get most of that. */
const SHUTDOWN_GRACE_MS = 1500;

function main(): void {
  let config;
  try {
    config = configFromEnv(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    fail(err.message);
  }

  const { server, metrics, shutdown } = createProcessor(config);
  server.once('error', (err: NodeJS.ErrnoException) => {
    fail(`cannot listen on ${config.host}:${config.port}: ${err.code ?? err.message}`);
  });
  server.listen(config.port, config.host, () => metrics.start());

  const onSignal = (): void => {
    void shutdown().then(() => process.exit(0));
    // A request still running (or a client trickling a body) does not hold the exit past 2 s.
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

function fail(message: string): never {
  process.stderr.write(`processor-node: ${message}\n`);
  process.exit(1);
}

main();
