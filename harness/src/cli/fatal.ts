// A UserError is printed as one line and exits with its code; anything else is a bug in the
// harness and keeps its stack so it can be reported.
import { EXIT, UserError } from '../errors/user-error.ts';

export function reportFatal(err: unknown): never {
  if (err instanceof UserError) {
    process.stderr.write(`harness: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`harness: internal error (please report): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(EXIT.internal);
}
