// Micro-benchmark times: a call takes nanoseconds to milliseconds. Below a microsecond in ns,
// above it in the duration units the other views use.
import { formatDuration, significant } from './duration.ts';

/** `formatNanos(850)` → "850 ns"; `formatNanos(95_000)` → "95.0 µs". */
export function formatNanos(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  return Math.abs(ns) < 1000 ? `${significant(ns)} ns` : formatDuration(ns / 1000);
}
