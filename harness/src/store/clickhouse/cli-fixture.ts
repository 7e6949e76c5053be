// Test support: the harness CLI with only the store's commands (db, push), the way main.ts wires
// them, so the CLI tests do not depend on every other command loading.
import { Command } from 'commander';
import { register as registerDb } from '../../cli/db.ts';
import { reportFatal } from '../../cli/fatal.ts';
import { register as registerPush } from '../../cli/push.ts';

const program = new Command().name('harness').exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
registerDb(program);
registerPush(program);
program.parseAsync(process.argv).catch(reportFatal);
