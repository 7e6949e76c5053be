// The list of commands. Adding a command: write cli/<name>.ts exporting `register(program)` and
// add one line here.
import type { Command } from 'commander';
import { register as registerDashboard } from './dashboard.ts';

export function registerCommands(program: Command): void {
  registerDashboard(program);
  void program;
}
