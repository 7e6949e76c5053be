// The plan as a person reads it. Data only goes to stdout; this returns text.
import type { Plan } from './plan.ts';

function scheduleText(s: Plan['scenarios'][number]['load']['schedule'], scale: number): string {
  return s.kind === 'constant'
    ? `${Math.round(s.rate_per_s * scale)} req/s constant`
    : `${Math.round(s.from_per_s * scale)}→${Math.round(s.to_per_s * scale)} req/s ramp`;
}

export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  lines.push(`profile ${plan.profile}: ${plan.repetitions} repetition(s), warmup ${plan.warmup_s} s, measure ${plan.measure_s} s, capacity ${plan.capacity_s > 0 ? `${plan.capacity_s} s` : 'off'}`);
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
  lines.push(`order (${plan.steps.length} measurements, interleaved):`);
  const shown = plan.steps.slice(0, 24).map((s) => `${s.scenario}/${s.processor}#${s.repetition + 1}`);
  lines.push(`  ${shown.join(' → ')}${plan.steps.length > shown.length ? ` → … (${plan.steps.length - shown.length} more)` : ''}`);
  lines.push(`capacity steps: ${plan.capacity_steps.length}`);
  lines.push(`phases alone take at least ${Math.round(plan.estimated_measure_s)} s (plus builds, launches and preloads)`);
  return lines.join('\n');
}
