export { buildPlan, choosePinning, interleave, IDLE_ARM_MAX_S, type IdleStep, type MeasureStep, type Plan, type PlanOptions, type PlanResult, type PlanStep, type Pinning, type PrecisionPlan } from './plan.ts';
export { measureSteps, shuffledRounds } from './order.ts';
export { parsePrecisionFlag, type PrecisionOptions } from './precision.ts';
export { renderPlan } from './render.ts';
export type { ScenarioSpec, Profile, Workload } from './scenario.ts';
