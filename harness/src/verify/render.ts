// Text rendering of a VerifyReport: the processor × suite table, then every difference found.
import type { VerifyReport, ProcessorVerdict, SuiteStatus } from './verify.ts';
import type { Disagreement } from './differential.ts';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function show(v: unknown): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function cell(status: SuiteStatus, detail = ''): string {
  return status === 'skipped' ? '-' : `${status.toUpperCase()}${detail}`;
}

function buildCell(p: ProcessorVerdict): string {
  if (!p.build.ok) return 'FAIL';
  if (p.launch_error) return 'ok, START FAILED';
  return p.build.cached ? 'ok (cached)' : `ok (${p.build.duration_s.toFixed(1)} s)`;
}

function renderDisagreement(d: Disagreement, lines: string[]): void {
  lines.push(`  #${d.index} ${d.label}: ${d.request.method} ${d.request.path}${d.request.body_bytes ? ` (${d.request.body_bytes} bytes)` : ''}`);
  lines.push(`    disagreeing: ${d.odd.join(', ')}`);
  if (d.request.body_bytes) lines.push(`    body: ${show(d.request.body_preview)}${d.request.body_bytes > 400 ? ' (truncated)' : ''}`);
  for (const g of d.groups) lines.push(`    ${g.processors.join(', ')}: ${g.status ?? '-'} ${show(g.body)}`);
  for (const diff of d.diffs.slice(0, 8)) lines.push(`    ${diff.processor} at ${diff.path}: ${diff.message}: expected ${show(diff.expected)}, got ${show(diff.actual)}`);
}

export function renderVerifyReport(report: VerifyReport): string {
  const lines: string[] = [];
  const rows = report.processors.map((p) => [
    p.name,
    buildCell(p),
    cell(p.vectors, p.vector_steps ? ` ${p.vector_steps.passed}/${p.vector_steps.total}` : ''),
    cell(p.differential),
    cell(p.state),
    cell(p.metrics),
  ]);
  const header = ['processor', 'build', 'vectors (steps)', 'differential', 'state', '/metrics'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)) + 2);
  lines.push(header.map((h, i) => pad(h, widths[i]!)).join('').trimEnd());
  for (const row of rows) lines.push(row.map((c, i) => pad(c, widths[i]!)).join('').trimEnd());
  lines.push('');
  lines.push(`${report.vector_files} vector files; differential seed ${JSON.stringify(report.seed)}, ${report.batches} batches${report.cross_skipped_reason ? ` (not run: ${report.cross_skipped_reason})` : ''}`);

  for (const p of report.processors) {
    if (!p.build.ok) {
      lines.push('', `${p.name}: ${p.build.error} (log: ${p.build.log_path})`);
      for (const l of p.build.log_tail.trimEnd().split('\n').slice(-15)) lines.push(`  | ${l}`);
    } else if (p.launch_error) {
      lines.push('', `${p.name}: ${p.launch_error.message}`);
      for (const l of p.launch_error.stderr_tail.trimEnd().split('\n').slice(-15)) lines.push(`  | ${l}`);
    }
  }
  if (report.vector_failures.length > 0) {
    lines.push('', `golden-vector failures (${report.vector_failures.length}):`);
    for (const f of report.vector_failures) {
      lines.push(`  ${f.processor}  ${f.vector} step ${f.step} (${f.request})  ${f.path}: ${f.message}: expected ${show(f.expected)}, got ${show(f.actual)}`);
    }
  }
  for (const f of report.metrics_failures) {
    lines.push('', `${f.processor}: GET /metrics does not follow the spec (${f.problems.length} problem${f.problems.length === 1 ? '' : 's'}):`);
    for (const problem of f.problems.slice(0, 20)) lines.push(`  ${problem}`);
  }
  for (const [title, run] of [['differential', report.differential], ['final state', report.state]] as const) {
    if (!run || run.disagreement_count === 0) continue;
    const who = Object.entries(run.odd_counts).filter(([, n]) => n > 0).map(([name, n]) => `${name} ${n}`).join(', ');
    lines.push('', `${title}: ${run.disagreement_count} of ${run.requests} requests answered differently (against the majority: ${who}); first ${run.disagreements.length}:`);
    for (const d of run.disagreements) renderDisagreement(d, lines);
  }
  lines.push('', report.ok ? 'verify: PASS' : 'verify: FAIL');
  return lines.join('\n') + '\n';
}
