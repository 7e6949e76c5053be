// `harness plan`: validate everything and print the frozen plan, without running anything.
import type { Command } from 'commander';
import { renderPlan } from '../plan/index.ts';
import { addPlanOptions, planFromFlags, type PlanFlags } from './plan-options.ts';

export function register(program: Command): void {
  addPlanOptions(
    program
      .command('plan')
      .description('validate scenarios, processors and flags (all problems at once) and print the frozen plan'),
  )
    .option('--json', 'print the plan as JSON')
    .action(async (flags: PlanFlags & { json?: boolean }) => {
      const { plan } = await planFromFlags(flags);
      process.stdout.write(flags.json ? `${JSON.stringify(plan, null, 2)}\n` : `${renderPlan(plan)}\n`);
    });
}
