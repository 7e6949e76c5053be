import { Command } from 'commander';
import { register } from '../cli/calibrate.ts';
import { reportFatal } from '../cli/fatal.ts';
const program = new Command().name('harness');
register(program);
program.parseAsync(process.argv).catch(reportFatal);
