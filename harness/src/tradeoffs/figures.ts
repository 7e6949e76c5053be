// Each figure of a processor's row, measured from its manifest, or saying why it is not.
import type { ProcessorManifest } from '../processors/index.ts';
import type { BuildSample, CodeSize, ColdBuild, Dependencies, IdleRss, IncrementalBuild, OutputSize } from '../results/tradeoffs-schema.ts';
import { median } from '../stats/describe.ts';
import { countDependencies, DependencyError } from './deps/index.ts';
import { countCode } from './lines/count.ts';
import { artifactPaths, measureArtifacts, sharedLibraries } from './output-size.ts';

export const NO_SECTION = 'the manifest has no tradeoffs section';

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Samples in, medians out; the first failure (if any) decides. */
export function buildFigure(samples: BuildSample[], failure: { error: string; log_path: string } | undefined): ColdBuild {
  if (failure) return { status: 'failed', error: failure.error, log_path: failure.log_path };
  if (samples.length === 0) return { status: 'skipped', reason: 'interrupted before the first build' };
  return { status: 'measured', samples, median_wall_s: r3(median(samples.map((s) => s.wall_s))), median_cpu_s: r3(median(samples.map((s) => s.cpu_s))) };
}

export function incrementalFigure(samples: BuildSample[], failure: { error: string; log_path: string } | undefined, touched: string): IncrementalBuild {
  const f = buildFigure(samples, failure);
  return f.status === 'measured' ? { ...f, touched } : f;
}

export function idleFigure(samples: number[], failure: string | undefined, settle_ms: number, threads: number): IdleRss {
  if (failure) return { status: 'failed', error: failure, log_path: null };
  if (samples.length === 0) return { status: 'skipped', reason: 'interrupted before the first reading' };
  return { status: 'measured', samples_bytes: samples, median_bytes: Math.round(median(samples)), settle_ms, threads };
}

export async function outputFigure(manifest: ProcessorManifest): Promise<OutputSize> {
  try {
    const { sizes, files } = measureArtifacts(manifest.dir, artifactPaths(manifest));
    const libs = await sharedLibraries(files);
    return {
      status: 'measured',
      total_bytes: sizes.reduce((s, a) => s + a.bytes, 0),
      artifacts: sizes,
      shared_libraries: libs,
      shared_libraries_bytes: libs.reduce((s, l) => s + l.bytes, 0),
    };
  } catch (err) {
    return { status: 'failed', error: err instanceof Error ? err.message : String(err), log_path: null };
  }
}

export function codeFigure(manifest: ProcessorManifest): CodeSize {
  const rule = manifest.tradeoffs?.code;
  if (!rule) return { status: 'not-declared', reason: NO_SECTION };
  const c = countCode(manifest.dir, rule);
  return { status: 'measured', ...c, include: [...rule.include], exclude: [...(rule.exclude ?? [])] };
}

export function dependencyFigure(manifest: ProcessorManifest, dpkgStatus?: string): Dependencies {
  const sources = manifest.tradeoffs?.dependencies;
  if (!sources) return { status: 'not-declared', reason: NO_SECTION };
  try {
    return { status: 'measured', ...countDependencies(manifest.dir, sources, dpkgStatus ? { dpkgStatus } : {}) };
  } catch (err) {
    if (err instanceof DependencyError) return { status: 'failed', error: err.message, log_path: null };
    throw err;
  }
}
