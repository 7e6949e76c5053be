// A trade-offs result as the cells of the dashboard's table and the points of its build chart.
// Each cell carries the status of its figure, so a failure or a missing declaration is shown as
// such (with its reason on hover), never as a number.
import type { ProcessorTradeoffs, TradeoffsResult } from '../../../harness/src/results/tradeoffs-schema.ts';
import { formatBytes } from '../format/bytes.ts';
import { formatDuration } from '../format/duration.ts';

export const TRADEOFFS_COLUMNS = [
  { key: 'cold_build', label: 'cold build' },
  { key: 'cold_cpu', label: 'cold CPU' },
  { key: 'incremental_build', label: 'incremental' },
  { key: 'output', label: 'output' },
  { key: 'shared_libraries', label: '+ shared libs' },
  { key: 'idle_rss', label: 'idle RSS' },
  { key: 'dependencies', label: 'deps direct / all' },
  { key: 'code', label: 'lines of code' },
  { key: 'safety', label: 'safety checker' },
] as const;
export type TradeoffsColumn = (typeof TRADEOFFS_COLUMNS)[number]['key'];

export interface TradeoffsCell {
  text: string;
  /** Samples, files or the reason, for the tooltip. */
  detail: string;
  status: 'measured' | 'failed' | 'none' | 'not-declared' | 'skipped';
}

export interface TradeoffsRow {
  processor: string;
  language: string;
  toolchain: string | null;
  cells: Record<TradeoffsColumn, TradeoffsCell>;
}

const seconds = (s: number) => formatDuration(s * 1e6);

type AnyFigure = { status: string; error?: string; reason?: string };

function unmeasured(f: AnyFigure): TradeoffsCell {
  const status = f.status as TradeoffsCell['status'];
  const text = status === 'failed' ? 'failed' : status === 'skipped' ? 'skipped' : status === 'none' ? 'none' : '—';
  return { text, detail: f.error ?? f.reason ?? '', status };
}

const cell = (text: string, detail: string): TradeoffsCell => ({ text, detail, status: 'measured' });

function cellsOf(p: ProcessorTradeoffs): Record<TradeoffsColumn, TradeoffsCell> {
  const samples = (xs: number[], fmt: (v: number) => string) => `samples: ${xs.map(fmt).join(', ')}`;
  const cold = p.cold_build.status === 'measured' ? p.cold_build : undefined;
  const incr = p.incremental_build.status === 'measured' ? p.incremental_build : undefined;
  const out = p.output.status === 'measured' ? p.output : undefined;
  const idle = p.idle_rss.status === 'measured' ? p.idle_rss : undefined;
  const deps = p.dependencies.status === 'measured' ? p.dependencies : undefined;
  const code = p.code.status === 'measured' ? p.code : undefined;
  const s = p.safety;
  return {
    cold_build: cold ? cell(seconds(cold.median_wall_s), samples(cold.samples.map((x) => x.wall_s), seconds)) : unmeasured(p.cold_build),
    cold_cpu: cold ? cell(seconds(cold.median_cpu_s), samples(cold.samples.map((x) => x.cpu_s), seconds)) : unmeasured(p.cold_build),
    incremental_build: incr ? cell(seconds(incr.median_wall_s), `${samples(incr.samples.map((x) => x.wall_s), seconds)}; touched ${incr.touched}`) : unmeasured(p.incremental_build),
    output: out ? cell(formatBytes(out.total_bytes), out.artifacts.map((a) => `${a.path}: ${formatBytes(a.bytes)} in ${a.files} file(s)`).join('; ')) : unmeasured(p.output),
    shared_libraries: out ? cell(formatBytes(out.shared_libraries_bytes), out.shared_libraries.map((l) => l.path).join(', ') || 'none') : unmeasured(p.output),
    idle_rss: idle ? cell(formatBytes(idle.median_bytes), `${samples(idle.samples_bytes, (b) => formatBytes(b))}; THREADS=${idle.threads}, ${idle.settle_ms} ms after readiness`) : unmeasured(p.idle_rss),
    dependencies: deps ? cell(`${deps.direct} / ${deps.all}`, deps.sources.map((x) => `${x.ecosystem} (${x.file}): ${x.direct.join(', ') || 'no direct'}`).join('; ')) : unmeasured(p.dependencies),
    code: code ? cell(code.lines.toLocaleString('en-US'), code.by_language.map((l) => `${l.language}: ${l.lines} lines in ${l.files} files`).join('; ')) : unmeasured(p.code),
    safety:
      s.status === 'measured'
        ? cell(`${s.findings} finding${s.findings === 1 ? '' : 's'}`, `${s.tool}; vectors ${s.vectors.passed}/${s.vectors.total}; ${s.load.requests} requests${s.exit.during_load ? '; exited under load' : ''}${s.first_findings.length ? `; first: ${s.first_findings[0]}` : ''}`)
        : unmeasured(s),
  };
}

export function tradeoffsRows(result: TradeoffsResult): TradeoffsRow[] {
  return result.processors.map((p) => ({ processor: p.name, language: p.language, toolchain: p.toolchain_version, cells: cellsOf(p) }));
}

/** The safety tool of each processor (or why none), for the line under the table. */
export function safetyTool(p: ProcessorTradeoffs): string {
  const s = p.safety;
  if (s.status === 'measured' || s.status === 'failed') return s.tool;
  return s.status === 'none' ? `none: ${s.reason}` : '—';
}

export interface BuildPoint {
  processor: string;
  cold_s: number | null;
  incremental_s: number | null;
}

export function buildPoints(result: TradeoffsResult): BuildPoint[] {
  return result.processors.map((p) => ({
    processor: p.name,
    cold_s: p.cold_build.status === 'measured' ? p.cold_build.median_wall_s : null,
    incremental_s: p.incremental_build.status === 'measured' ? p.incremental_build.median_wall_s : null,
  }));
}
