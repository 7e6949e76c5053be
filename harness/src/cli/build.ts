// `harness build`: build the load driver and every processor (release builds, cached by source
// hash), so a later run or test starts measuring at once. `npm test` runs it first: the tests that
// drive real processors would otherwise spend their time limits compiling.
import path from 'node:path';
import type { Command } from 'commander';
import { buildProcessor } from '../build/index.ts';
import { ensureDriverBuilt } from '../drive/build.ts';
import { loadManifests } from '../processors/index.ts';
import { UserError } from '../errors/user-error.ts';
import { REPO_ROOT } from './plan-options.ts';

export function register(program: Command): void {
  program
    .command('build')
    .description('build the load driver and every processor (release, cached by source hash)')
    .option('--processors <list>', 'comma-separated processor names (default: those not marked run_by_default: false)')
    .option('--force', 'rebuild even when the cache says nothing changed')
    .action(async (flags: { processors?: string; force?: boolean }) => {
      const names = flags.processors?.split(',').map((s) => s.trim()).filter(Boolean);
      const manifests = loadManifests(REPO_ROOT, names);
      const started = Date.now();
      await ensureDriverBuilt();
      process.stderr.write(`harness: load driver built (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      const failed: string[] = [];
      for (const m of manifests) {
        const b = await buildProcessor(m, { logDir: path.join(REPO_ROOT, 'artifacts', 'build-logs'), ...(flags.force ? { force: true } : {}) });
        if (b.ok) process.stderr.write(`harness: ${m.name} ${b.cached ? 'up to date' : `built in ${b.duration_s.toFixed(1)} s`} (${b.toolchain_version})\n`);
        else {
          failed.push(`${m.name}: ${b.error} (log: ${b.log_path})`);
          process.stderr.write(`harness: ${m.name} failed to build: ${b.error}\n${b.log_tail}\n`);
        }
      }
      if (failed.length) throw new UserError(`build failed for ${failed.length} processor(s):\n  ${failed.join('\n  ')}`, 1);
    });
}
