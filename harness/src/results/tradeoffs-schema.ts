// The result of `harness tradeoffs`: what each implementation costs besides latency (build
// times, output size, idle memory, dependencies, code size, what its safety checker finds),
// every figure measured by the run that wrote it. Written to tradeoffs/<id>/tradeoffs.json and,
// when configured, to ClickHouse (table `tradeoffs`). Bump TRADEOFFS_SCHEMA_VERSION on any
// change an older reader could misread.
import { z } from 'zod';
import { MachineProvenance } from './schema.ts';

export const TRADEOFFS_SCHEMA_VERSION = 1;

const count = z.number().int().nonnegative();
const seconds = z.number().nonnegative();
const bytes = count;
const isoTime = z.string().datetime({ offset: true });

/** Why a figure is missing: the manifest does not declare what it needs, or the run skipped it. */
const NotDeclared = z.object({ status: z.literal('not-declared'), reason: z.string() });
const Skipped = z.object({ status: z.literal('skipped'), reason: z.string() });
const Failed = z.object({ status: z.literal('failed'), error: z.string(), log_path: z.string().nullable() });

/** A figure is measured, or says why it is not. */
function figure<T extends z.ZodRawShape>(shape: T) {
  return z.discriminatedUnion('status', [z.object({ status: z.literal('measured'), ...shape }), Failed, NotDeclared, Skipped]);
}

export const LoadAverage = z.object({ m1: z.number().nonnegative(), m5: z.number().nonnegative(), m15: z.number().nonnegative() });
export type LoadAverage = z.infer<typeof LoadAverage>;

/** One timed build. */
export const BuildSample = z.object({
  repetition: count,
  wall_s: seconds.describe('elapsed time of the build command'),
  cpu_s: seconds.describe('user + system CPU time of the build command and everything it ran (waited-for children)'),
  load_avg_1m: z.number().nonnegative().describe('1-minute load average when the build started'),
  log_path: z.string(),
});
export type BuildSample = z.infer<typeof BuildSample>;

const buildShape = {
  samples: z.array(BuildSample).min(1),
  median_wall_s: seconds,
  median_cpu_s: seconds,
};

export const ColdBuild = figure(buildShape);
export type ColdBuild = z.infer<typeof ColdBuild>;

export const IncrementalBuild = figure({ ...buildShape, touched: z.string().describe('the file given a one-line change') });
export type IncrementalBuild = z.infer<typeof IncrementalBuild>;

export const ArtifactSize = z.object({ path: z.string(), bytes, files: count });

export const OutputSize = figure({
  total_bytes: bytes.describe('bytes of every file of the artifacts (apparent size)'),
  artifacts: z.array(ArtifactSize),
  shared_libraries: z.array(z.object({ path: z.string(), bytes })).describe('what the ELF artifacts load at start (ldd), each once'),
  shared_libraries_bytes: bytes,
});
export type OutputSize = z.infer<typeof OutputSize>;

export const IdleRss = figure({
  samples_bytes: z.array(bytes).min(1),
  median_bytes: bytes,
  settle_ms: count.describe('wait after readiness before /proc/<pid>/status was read'),
  threads: count,
});
export type IdleRss = z.infer<typeof IdleRss>;

export const DependencySourceCount = z.object({
  ecosystem: z.enum(['go', 'cargo', 'npm', 'debian']),
  file: z.string(),
  direct: z.array(z.string()).describe('name@version of each direct third-party dependency'),
  all: z.array(z.string()).describe('name@version of every third-party dependency reached, direct included'),
});

export const Dependencies = figure({
  direct: count.describe('distinct direct third-party dependencies over all sources'),
  all: count.describe('distinct third-party dependencies reached, direct included'),
  sources: z.array(DependencySourceCount),
});
export type Dependencies = z.infer<typeof Dependencies>;

export const CodeSize = figure({
  lines: count,
  files: count,
  by_language: z.array(z.object({ language: z.string(), files: count, lines: count })),
  generated_files: count,
  unmatched_includes: z.array(z.string()),
  include: z.array(z.string()),
  exclude: z.array(z.string()),
});
export type CodeSize = z.infer<typeof CodeSize>;

export const SafetyLoad = z.object({
  scenarios: z.array(z.string()),
  rate_per_s: z.number().positive(),
  seconds_per_scenario: seconds,
  requests: count,
  responses_ok: count,
  errors: count,
});

export const Safety = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('measured'),
    tool: z.string(),
    findings: count.describe('lines of the checked process output matching the manifest finding_pattern'),
    finding_pattern: z.string(),
    first_findings: z.array(z.string()).describe('the first matching lines, for a reader to follow up'),
    vectors: z.object({ passed: count, total: count }),
    load: SafetyLoad,
    exit: z.object({ code: z.number().int().nullable(), signal: z.string().nullable(), during_load: z.boolean() }),
    build_wall_s: seconds,
    log_path: z.string(),
  }),
  z.object({ status: z.literal('none'), reason: z.string().describe('why no checker is run, from the manifest') }),
  Failed.extend({ tool: z.string() }),
  NotDeclared,
  Skipped,
]);
export type Safety = z.infer<typeof Safety>;

export const ProcessorTradeoffs = z.object({
  name: z.string(),
  language: z.string(),
  description: z.string(),
  toolchain_version: z.string().nullable(),
  /** How the cold build was made cold, as the manifest declares it. */
  cold_build_method: z.object({ clean: z.array(z.string()).nullable(), build_env: z.record(z.string(), z.string()) }).nullable(),
  cold_build: ColdBuild,
  incremental_build: IncrementalBuild,
  output: OutputSize,
  idle_rss: IdleRss,
  dependencies: Dependencies,
  code: CodeSize,
  safety: Safety,
});
export type ProcessorTradeoffs = z.infer<typeof ProcessorTradeoffs>;

export const TradeoffsOptions = z.object({
  repeat: count.describe('cold and incremental builds and idle RSS readings per processor, interleaved'),
  processors: z.array(z.string()),
  threads: count.describe('THREADS for the idle-RSS launch'),
  idle_settle_ms: count,
  safety: z.object({ threads: count, rate_per_s: z.number().positive(), seconds_per_scenario: seconds, scenarios: z.array(z.string()) }),
});
export type TradeoffsOptions = z.infer<typeof TradeoffsOptions>;

/** No plan in a trade-offs run: nothing is pinned or loaded, so the commit and machine only. */
export const TradeoffsProvenance = MachineProvenance;

/** The counting rules, stored with the figures so every reader shows what a number means. */
export const TradeoffsRules = z.object({
  builds: z.string(),
  output: z.string(),
  idle_rss: z.string(),
  dependencies: z.record(z.string(), z.string()),
  code: z.string(),
  safety: z.string(),
});
export type TradeoffsRules = z.infer<typeof TradeoffsRules>;

export const TradeoffsResult = z.object({
  schema_version: z.literal(TRADEOFFS_SCHEMA_VERSION),
  kind: z.literal('tradeoffs'),
  id: z.string(),
  status: z.enum(['complete', 'incomplete']).describe('incomplete: interrupted, the steps after that are skipped'),
  started_at: isoTime,
  finished_at: isoTime,
  options: TradeoffsOptions,
  provenance: TradeoffsProvenance,
  /** A 2-core shared machine is noisy: what it was doing is part of the result. */
  noise: z.object({ load_avg_before: LoadAverage, load_avg_after: LoadAverage, cores: count }),
  rules: TradeoffsRules,
  processors: z.array(ProcessorTradeoffs),
  notes: z.array(z.string()),
});
export type TradeoffsResult = z.infer<typeof TradeoffsResult>;
