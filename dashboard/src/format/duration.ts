// Latencies are stored in integer microseconds; people read them best in the largest unit that
// keeps the number at or above 1. A chart axis uses one unit for all its ticks (picked from the
// largest value) so ticks stay comparable.

export interface DurationUnit {
  label: 'µs' | 'ms' | 's';
  per_us: number;
}

const UNITS: DurationUnit[] = [
  { label: 's', per_us: 1e6 },
  { label: 'ms', per_us: 1e3 },
  { label: 'µs', per_us: 1 },
];

/** The unit that shows `value_us` as a number ≥ 1 (µs for anything below 1 ms, including 0). */
export function durationUnitFor(value_us: number): DurationUnit {
  const abs = Math.abs(value_us);
  return UNITS.find((u) => abs >= u.per_us) ?? { label: 'µs', per_us: 1 };
}

/** Three significant digits, never exponent notation. */
export function significant(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toFixed(decimals);
}

/** `formatDuration(1530)` → "1.53 ms". */
export function formatDuration(value_us: number, unit: DurationUnit = durationUnitFor(value_us)): string {
  return `${significant(value_us / unit.per_us)} ${unit.label}`;
}
