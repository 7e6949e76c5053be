#!/usr/bin/env node
// The CLI's only job: parse arguments and dispatch to a command module. Each command lives in
// cli/<name>.ts and registers itself on the program; the work is done by the pipeline stages.
import { Command } from 'commander';
import { registerCommands } from './cli/commands.ts';
import { reportFatal } from './cli/fatal.ts';
import { exitIfStdioClosed, guardStdio } from './cli/stdio.ts';

const program = new Command()
  .name('harness')
  .description('Latency benchmarking and comparison harness: open-loop, microsecond HDR histograms, memory, CPU and runtime pauses.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

guardStdio();
registerCommands(program);

program.parseAsync(process.argv).then(exitIfStdioClosed, reportFatal);
