// The list of commands. Adding a command: write cli/<name>.ts exporting `register(program)` and
// add one line here.
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  void program;
}
