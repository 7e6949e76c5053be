// Processor colours, stable across views. Red and green are kept out: they mean regression and
// improvement everywhere in the dashboard.
const KNOWN: Record<string, string> = {
  node: '#6d28d9',
  go: '#0e7490',
  rust: '#b45309',
  // The in-process implementations: the Rust core's shells near their language's colour.
  'node-rust': '#c026d3',
  'rust-core': '#78350f',
  'python-ffi': '#2563eb',
  'python-reference': '#64748b',
  cpp: '#4f46e5',
};
const PALETTE = ['#2563eb', '#c026d3', '#475569', '#0891b2', '#a16207', '#7c3aed'];

export function processorColor(name: string): string {
  const known = KNOWN[name];
  if (known) return known;
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length] as string;
}

export const REGRESSION = '#dc2626';
export const IMPROVEMENT = '#16a34a';
