export { buildPlan, choosePinning, interleave, type Plan, type PlanOptions, type PlanResult, type PlanStep, type Pinning } from './plan.ts';
export { renderPlan } from './render.ts';
export type { ScenarioSpec, Profile, Workload } from './scenario.ts';
