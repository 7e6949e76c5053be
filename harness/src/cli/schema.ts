// `harness schema`: print or regenerate the JSON Schema of the result files.
import type { Command } from 'commander';
import { PERSISTED, schemaFileText, writeJsonSchemas, type PersistedKind } from '../results/json-schema.ts';
import { UserError } from '../errors/user-error.ts';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of a result file (run, measurement, capacity, tradeoffs), or regenerate harness/schema/ with --write')
    .argument('[kind]', 'run, measurement, capacity or tradeoffs', 'measurement')
    .option('--write', 'write every schema file under harness/schema/v<version>/')
    .action(async (kind: string, flags: { write?: boolean }) => {
      if (flags.write) {
        for (const f of await writeJsonSchemas()) process.stdout.write(`${f}\n`);
        return;
      }
      if (!(kind in PERSISTED)) throw new UserError(`unknown schema "${kind}"; pick one of ${Object.keys(PERSISTED).join(', ')}`);
      process.stdout.write(schemaFileText(kind as PersistedKind));
    });
}
