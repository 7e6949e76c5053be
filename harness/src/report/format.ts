// Units chosen for the reader: a latency in µs, ms or s and a size in B, KiB, MiB or GiB, with
// three significant figures, so columns stay short and comparable.
function sig3(v: number): string {
  if (v === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(v))));
  return v.toFixed(Math.min(digits, 3));
}

export function formatMicros(us: number | null | undefined): string {
  if (us === null || us === undefined || !Number.isFinite(us)) return '–';
  if (us < 1000) return `${sig3(us)} µs`;
  if (us < 1_000_000) return `${sig3(us / 1000)} ms`;
  return `${sig3(us / 1_000_000)} s`;
}

/** Below a microsecond in ns (micro-benchmark calls), above it as formatMicros. */
export function formatNanos(ns: number | null | undefined): string {
  if (ns === null || ns === undefined || !Number.isFinite(ns)) return '–';
  return ns < 1000 ? `${sig3(ns)} ns` : formatMicros(ns / 1000);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? String(Math.round(v)) : sig3(v)} ${units[i]}`;
}

export function formatRate(perSecond: number | null | undefined, unit = '/s'): string {
  if (perSecond === null || perSecond === undefined || !Number.isFinite(perSecond)) return '–';
  if (perSecond >= 1e6) return `${sig3(perSecond / 1e6)}M${unit}`;
  if (perSecond >= 1e3) return `${sig3(perSecond / 1e3)}k${unit}`;
  return `${sig3(perSecond)}${unit}`;
}

export function formatRatio(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '–';
  return `${r.toFixed(2)}×`;
}

export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '–';
  return `${sig3(s)} s`;
}
