// Medians over repeated runs: the figure we report on a noisy machine (never one run, never a mean).

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function medians(runs: ReadonlyArray<{ p50_us: number; p99_us: number; max_us: number }>): { p50_us: number; p99_us: number; max_us: number } {
  return { p50_us: median(runs.map((r) => r.p50_us)), p99_us: median(runs.map((r) => r.p99_us)), max_us: median(runs.map((r) => r.max_us)) };
}
