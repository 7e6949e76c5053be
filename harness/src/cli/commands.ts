// The list of commands. Adding a command: write cli/<name>.ts exporting `register(program)` and
// add one line here.
import type { Command } from 'commander';
import { register as registerDb } from './db.ts';
import { register as registerPush } from './push.ts';
import { register as registerDashboard } from './dashboard.ts';
import { register as registerVerify } from './verify.ts';
import { register as registerCalibrate } from './calibrate.ts';

export function registerCommands(program: Command): void {
  registerDb(program);
  registerPush(program);
  registerDashboard(program);
  registerVerify(program);
  registerCalibrate(program);
  void program;
}
