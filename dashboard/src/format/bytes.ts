// Memory sizes in binary units (RSS is counted in pages, KiB/MiB/GiB line up with what `ps` and
// /proc show).

export interface ByteUnit {
  label: 'B' | 'KiB' | 'MiB' | 'GiB';
  bytes: number;
}

const UNITS: ByteUnit[] = [
  { label: 'GiB', bytes: 2 ** 30 },
  { label: 'MiB', bytes: 2 ** 20 },
  { label: 'KiB', bytes: 2 ** 10 },
  { label: 'B', bytes: 1 },
];

export function byteUnitFor(bytes: number): ByteUnit {
  const abs = Math.abs(bytes);
  return UNITS.find((u) => abs >= u.bytes) ?? { label: 'B', bytes: 1 };
}

/** `formatBytes(31_457_280)` → "30.0 MiB". Bytes are whole numbers, so no decimals for B. */
export function formatBytes(bytes: number, unit: ByteUnit = byteUnitFor(bytes)): string {
  if (unit.label === 'B') return `${Math.round(bytes)} B`;
  const v = bytes / unit.bytes;
  const decimals = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(decimals)} ${unit.label}`;
}
