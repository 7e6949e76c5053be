// A user's mistake (bad flag, unknown scenario, busy port) is a UserError: one line, exit 2, no
// stack trace. Anything else is a bug in the harness and keeps its stack so it can be reported.
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'UserError';
  }
}

export function reportFatal(err: unknown): never {
  if (err instanceof UserError) {
    process.stderr.write(`harness: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`harness: internal error (please report): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(70);
}
