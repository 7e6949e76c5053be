// `harness microbench` (npm run microbench): each processor's in-process micro-benchmarks with its
// own language's tool (tinybench, go test -bench, cargo bench), as named in its manifest. These
// time the core (validation + aggregation, FASTQ + k-mers) without HTTP; `harness run` times the
// service.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { loadManifests } from '../processors/index.ts';
import { UserError } from '../errors/user-error.ts';
import { REPO_ROOT } from './plan-options.ts';

function runInherit(command: string[], cwd: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { cwd, stdio: 'inherit' });
    child.on('error', (err) => {
      process.stderr.write(`harness: cannot run ${command[0]}: ${err.message}\n`);
      resolve(127);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export function register(program: Command): void {
  program
    .command('microbench')
    .description("run each processor's in-process micro-benchmarks with its language's own tool")
    .option('--processors <list>', 'comma-separated processor names (default: those not marked run_by_default: false)')
    .action(async (flags: { processors?: string }) => {
      const names = flags.processors?.split(',').map((s) => s.trim()).filter(Boolean);
      const manifests = loadManifests(REPO_ROOT, names);
      const failed: string[] = [];
      for (const m of manifests) {
        if (!m.microbench) {
          process.stderr.write(`harness: ${m.name} declares no microbench command; skipped\n`);
          continue;
        }
        process.stderr.write(`\nharness: ── ${m.name}: ${m.microbench.command.join(' ')}\n`);
        if ((await runInherit(m.microbench.command, m.dir)) !== 0) failed.push(m.name);
      }
      if (failed.length) throw new UserError(`micro-benchmarks failed for: ${failed.join(', ')}`, 1);
    });
}
