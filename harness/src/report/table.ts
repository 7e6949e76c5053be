// A plain text table: right-aligned numbers, left-aligned labels, no dependencies. The Markdown
// renderer shares the cell layout so both say exactly the same thing.
export interface Table {
  headers: string[];
  rows: string[][];
  /** Columns (by index) that hold text rather than numbers. */
  leftAligned?: number[];
}

export function renderText(t: Table): string {
  const widths = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const left = new Set(t.leftAligned ?? [0]);
  const line = (cells: string[]) =>
    cells.map((c, i) => (left.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(t.headers), widths.map((w) => '─'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n');
}

export function renderMarkdown(t: Table): string {
  const left = new Set(t.leftAligned ?? [0]);
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${t.headers.map(esc).join(' | ')} |`,
    `|${t.headers.map((_, i) => (left.has(i) ? ' :-- ' : ' --: ')).join('|')}|`,
    ...t.rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
