// Rates, ratios and relative changes: the other numbers the views print.
import { significant } from './duration.ts';

const SI: Array<[number, string]> = [
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** `formatRate(1_234_000, 'events/s')` → "1.23 M events/s". */
export function formatRate(value: number, unit: string): string {
  const abs = Math.abs(value);
  const prefix = SI.find(([scale]) => abs >= scale);
  if (!prefix) return `${significant(value)} ${unit}`;
  return `${significant(value / prefix[0])} ${prefix[1]} ${unit}`;
}

/** A ratio against a baseline: "0.75×". */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—';
}

/** A relative change with its sign: "+12.3 %", "−4.0 %". */
export function formatChange(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  const pct = fraction * 100;
  const sign = pct > 0 ? '+' : pct < 0 ? '−' : '±';
  return `${sign}${Math.abs(pct).toFixed(1)} %`;
}

/** A share of a whole: `formatShare(0.2333)` → "23.3 %", `formatShare(0.00069)` → "0.07 %". */
export function formatShare(fraction: number): string {
  return Number.isFinite(fraction) ? `${significant(fraction * 100)} %` : '—';
}
