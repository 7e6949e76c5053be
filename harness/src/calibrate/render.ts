// The calibration result as a short text table (stdout of `harness calibrate`).
import { median } from './median.ts';
import type { CalibrationResult, DriverRun } from './types.ts';

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function renderCalibration(r: CalibrationResult): string {
  const lines: string[] = [];
  lines.push(`calibration against trivial-server: ${r.rate_per_s} req/s open loop, ${r.repeats} × ${r.duration_s} s, ${r.connections} connections (server cpu ${r.pinning.server_cpus}, load cpu ${r.pinning.load_cpus}${r.pinning.realtime ? ', real-time priority' : ''}; load avg ${r.machine.load_avg_1m_before.toFixed(1)} → ${r.machine.load_avg_1m_after.toFixed(1)})`);
  lines.push(`  medians, corrected latency      ${pad('p50 µs', 8)} ${pad('p99 µs', 8)} ${pad('max µs', 8)}`);
  const row = (name: string, m: { p50_us: number; p99_us: number; max_us: number }) => `  ${name.padEnd(32)} ${pad(m.p50_us, 8)} ${pad(m.p99_us, 8)} ${pad(m.max_us, 8)}`;
  lines.push(row('our driver (latency-driver)', r.driver.median));
  const cpu = (f: (x: DriverRun) => number) => `${(median(r.driver.runs.map(f)) * 100).toFixed(0)}%`;
  lines.push(`  our driver's core (medians): work ${cpu((x) => x.cpu_work_utilisation)}, with spin-wait ${cpu((x) => x.cpu_utilisation)}, keep-awake thread ${cpu((x) => x.keep_awake_cpu_utilisation)}`);
  if (r.reference.available) {
    lines.push(row(`oha ${r.reference.version} --latency-correction`, r.reference.median));
    lines.push(`  p99 driver / oha: ${r.p99_ratio_driver_over_reference!.toFixed(2)} (target ≤ ${r.p99_target_ratio}: ${r.p99_target_met ? 'met' : 'MISSED'})`);
  } else {
    lines.push(`  reference tool missing: ${r.reference.install_hint}`);
  }
  const limited = r.driver.runs.filter((x) => x.driver_limited).length;
  if (limited > 0) lines.push(`  ! ${limited} of ${r.driver.runs.length} driver runs flagged driver-limited: ${r.driver.runs.flatMap((x) => x.driver_limited_reasons).join('; ')}`);
  const m = r.driver_max_rate;
  const bracket = m.first_inaccurate_rate_per_s === null ? '' : `, not accurate at ${m.first_inaccurate_rate_per_s}/s`;
  lines.push(`  max rate: our driver ${m.max_accurate_rate_per_s}/s open loop${bracket} (${m.steps.length} steps; ${m.stopped_by})`);
  for (const note of m.platform_notes) lines.push(`            platform, not the driver: ${note}`);
  lines.push(`            autocannon ${Math.round(r.autocannon.requests_per_s)}/s closed loop (its CPU ${(r.autocannon.client_cpu_utilisation * 100).toFixed(0)}%)`);
  lines.push(`            ratio ${r.max_rate_ratio_driver_over_autocannon.toFixed(2)} (target ≥ 1: ${r.max_rate_target_met ? 'met' : 'MISSED'})`);
  lines.push(`  driver floor (${r.floor.measure_s} s at ${r.floor.rate_per_s}/s): p50 ${r.floor.p50_us} µs, p99 ${r.floor.p99_us} µs, max ${r.floor.max_us} µs${r.floor.driver_limited ? ' (driver-limited)' : ''}`);
  return lines.join('\n') + '\n';
}
