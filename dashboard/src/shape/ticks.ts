// Ticks for a logarithmic axis: 1–2–5 steps per decade, so a latency axis from 80 µs to 40 ms
// reads 100 µs, 200 µs, 500 µs, 1 ms … instead of the scale's uneven defaults.

/** A log-axis domain padded to the enclosing 1–2–5 steps. */
export function logDomain(min: number, max: number): [number, number] {
  const lo = Math.max(1, min);
  const hi = Math.max(lo * 1.01, max);
  const steps = (v: number) => [1, 2, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(v)));
  const floor = [...steps(lo)].reverse().find((s) => s <= lo) ?? lo;
  const ceil = steps(hi).find((s) => s >= hi) ?? hi;
  return [floor, ceil];
}

export function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let decade = Math.floor(Math.log10(Math.max(min, 1e-9))); 10 ** decade <= max; decade++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** decade;
      if (t >= min && t <= max) ticks.push(t);
    }
  }
  return ticks;
}
