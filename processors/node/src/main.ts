// Entry point: configuration, the core, listen, graceful shutdown. Run as `node dist/main.js`
// (the TypeScript core) or `node dist/main.js --core-addon PATH` (a native core, see addon-core.ts).

import { parseArgs } from 'node:util';
import { CoreLoadError, loadAddonCore } from './addon-core.ts';
import { configFromEnv, ConfigError, type Config } from './config.ts';
import type { CoreChoice } from './core.ts';
import { createProcessor } from './server.ts';

/** SIGTERM must end the process within 2 s; in-flight requests get most of that. */
const SHUTDOWN_GRACE_MS = 1500;

function main(): void {
  const config = loadConfig();
  const { server, metrics, shutdown } = createProcessor(config, chooseCore());

  const onStartupError = (err: NodeJS.ErrnoException): void => {
    fail(`cannot listen on ${config.host}:${config.port}: ${err.code ?? err.message}`);
  };
  server.once('error', onStartupError);
  server.listen(config.port, config.host, () => {
    server.off('error', onStartupError);
    // Once listening, a server error is a failed accept (e.g. EMFILE): transient, keep serving.
    server.on('error', () => {});
    metrics.start();
  });

  const onSignal = (): void => {
    void shutdown().then(() => process.exit(0));
    // A request still running (or a client trickling a body) does not hold the exit past 2 s.
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

function loadConfig(): Config {
  try {
    return configFromEnv(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

/** undefined = the TypeScript core. */
function chooseCore(): CoreChoice | undefined {
  let addonPath: string | undefined;
  try {
    addonPath = parseArgs({ options: { 'core-addon': { type: 'string' } }, strict: true }).values['core-addon'];
  } catch (err) {
    fail((err as Error).message);
  }
  if (addonPath === undefined) return undefined;
  try {
    return loadAddonCore(addonPath);
  } catch (err) {
    if (err instanceof CoreLoadError) fail(err.message);
    throw err;
  }
}

function fail(message: string): never {
  process.stderr.write(`processor-node: ${message}\n`);
  process.exit(1);
}

main();
