// The error type and exit codes every stage may use, so that a stage reports a user's mistake
// without reaching up into the CLI (cli/fatal.ts only prints them).

/** Process exit codes of every harness command. */
export const EXIT = {
  ok: 0,
  /** A gate or check that ran and found a regression or a failure. */
  failed: 1,
  /** A user's mistake (bad flag, unknown scenario, busy port) or too little data to decide. */
  usage: 2,
  /** A bug in the harness (sysexits EX_SOFTWARE). */
  internal: 70,
  /** Interrupted by SIGINT (128 + 2). */
  interrupted: 130,
} as const;

/** A user's mistake: reported as one line with no stack trace. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.usage) {
    super(message);
    this.name = 'UserError';
  }
}
