// The plan as a person reads it. Data only goes to stdout; this returns text.
import type { Plan } from './plan.ts';

function scheduleText(s: Plan['scenarios'][number]['load']['schedule'], scale: number): string {
  return s.kind === 'constant'
    ? `${Math.round(s.rate_per_s * scale)} req/s constant`
    : `${Math.round(s.from_per_s * scale)}→${Math.round(s.to_per_s * scale)} req/s ramp`;
}

/** Rounds shown in full before the rest is summarised. */
const ROUNDS_SHOWN = 12;

/** One line per round: `ingest #1: idle → go → rust → node`. */
function orderLines(plan: Plan): string[] {
  const rounds: string[] = [];
  let key = '';
  for (const s of plan.steps) {
    const k = `${s.scenario} #${s.repetition + 1}`;
    const name = s.kind === 'idle' ? 'idle' : s.processor;
    if (k === key) rounds[rounds.length - 1] += ` → ${name}`;
    else {
      key = k;
      rounds.push(`  ${k}: ${name}`);
    }
  }
  return rounds.length > ROUNDS_SHOWN ? [...rounds.slice(0, ROUNDS_SHOWN), `  … (${rounds.length - ROUNDS_SHOWN} more rounds: harness plan --json lists them all)`] : rounds;
}

export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  const measure = plan.precision ? `measure ${plan.measure_s}–${plan.precision.max_measure_s} s` : `measure ${plan.measure_s} s`;
  lines.push(`profile ${plan.profile}: ${plan.repetitions} repetition(s), warmup ${plan.warmup_s} s, ${measure}, capacity ${plan.capacity_s > 0 ? `${plan.capacity_s} s` : 'off'}`);
  lines.push(
    plan.precision
      ? `precision: each measure phase runs until the 95% interval of the clean ${plan.precision.of} is within ±${plan.precision.target_pct}% (checked every ${plan.precision.check_every_s} s after ${plan.measure_s} s), at most ${plan.precision.max_measure_s} s; ramps keep their fixed length`
      : `precision: off (every measure phase lasts ${plan.measure_s} s)`,
  );
  lines.push(`processors: ${plan.processors.map((p) => `${p.name} (${p.description})`).join(', ')}; baseline ${plan.baseline}`);
  lines.push(
    plan.pinning.enabled
      ? `pinning: processor on CPU ${plan.pinning.processor_cpus.join(',')}, driver on CPU ${plan.pinning.driver_cpus.join(',')}${plan.pinning.driver_realtime ? ' (real-time priority)' : ''}; THREADS=${plan.threads}`
      : `pinning: off (one core or --no-pin); THREADS=${plan.threads}`,
  );
  if (Object.keys(plan.inject).length > 0) {
    lines.push(`injected knobs: ${Object.entries(plan.inject).map(([p, env]) => `${p}: ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`).join('; ')}`);
  }
  lines.push(`golden vectors before timing: ${plan.verify ? 'yes' : 'SKIPPED (--skip-verify)'}`);
  lines.push('scenarios:');
  for (const s of plan.scenarios) {
    const preload = s.preload ? `, preload ${s.preload.keys.toLocaleString('en-US')} keys` : '';
    lines.push(`  ${s.name.padEnd(20)} ${scheduleText(s.load.schedule, plan.rate_scale)}, ${s.load.connections} connections${preload} — ${s.description}`);
  }
  const measurements = plan.steps.filter((s) => s.kind === 'measure').length;
  lines.push(`order (seed ${plan.seed}, --seed ${plan.seed} repeats it): ${measurements} measurements, each a fresh process, every round shuffled:`);
  lines.push(...orderLines(plan));
  lines.push(`capacity steps: ${plan.capacity_steps.length}`);
  lines.push(
    plan.precision
      ? `phases alone take ${Math.round(plan.estimated_measure_s)}–${Math.round(plan.estimated_max_measure_s)} s (plus builds, launches and preloads)`
      : `phases alone take at least ${Math.round(plan.estimated_measure_s)} s (plus builds, launches and preloads)`,
  );
  return lines.join('\n');
}
