// The list of commands. Adding a command: write cli/<name>.ts exporting `register(program)` and
// add one line here.
import type { Command } from 'commander';
import { register as registerDb } from './db.ts';
import { register as registerPush } from './push.ts';
import { register as registerDashboard } from './dashboard.ts';
import { register as registerVerify } from './verify.ts';
import { register as registerPlan } from './plan.ts';
import { register as registerRun } from './run.ts';
import { register as registerReport } from './report.ts';
import { register as registerSchema } from './schema.ts';
import { register as registerMicrobench } from './microbench.ts';
import { register as registerBuild } from './build.ts';
import { register as registerCompare } from './compare.ts';
import { register as registerGate } from './gate.ts';
import { register as registerClaims } from './claims.ts';
import { register as registerCalibrate } from './calibrate.ts';
import { register as registerTradeoffs } from './tradeoffs.ts';
import { register as registerSweep } from './sweep.ts';

export function registerCommands(program: Command): void {
  registerDb(program);
  registerPush(program);
  registerDashboard(program);
  registerVerify(program);
  registerPlan(program);
  registerRun(program);
  registerReport(program);
  registerSchema(program);
  registerMicrobench(program);
  registerBuild(program);
  registerCompare(program);
  registerGate(program);
  registerClaims(program);
  registerCalibrate(program);
  registerTradeoffs(program);
  registerSweep(program);
  void program;
}
