// The store layer's entry point: pick the reader and the sinks from a StoreConfig.
import { FileSink } from './file-sink.ts';
import { FileStore } from './file-store.ts';
import { SinkSet, type OptionalSink } from './sink-set.ts';
import type { StoreConfig } from './config.ts';
import type { StoreReader } from './types.ts';
import { MicrobenchFileStore } from './microbench-file-store.ts';
import type { MicrobenchReader } from './microbench-types.ts';

export type * from './types.ts';
export { storeConfigFromEnv, DEFAULT_RESULTS_ROOT, type StoreConfig, type ClickHouseConfig, type StoreFlags } from './config.ts';
export { FileStore } from './file-store.ts';
export { FileSink } from './file-sink.ts';
export { SinkSet } from './sink-set.ts';
export { mergeEncodedHistograms } from './merge-histograms.ts';
export { SERIES_METRICS, isSeriesMetric } from './series-logic.ts';
export type * from './microbench-types.ts';
export { MicrobenchFileStore, microbenchRootFrom, DEFAULT_MICROBENCH_ROOT } from './microbench-file-store.ts';

/** The reader for the configured store. Close it when done. */
export async function openStore(config: StoreConfig): Promise<StoreReader> {
  if (config.kind === 'file') return new FileStore(config.resultsRoot);
  const { ClickHouseStore } = await import('./clickhouse/clickhouse-store.ts');
  return ClickHouseStore.open(config.clickhouse!);
}

/** The micro-benchmark reader for the configured store: ClickHouse, or the files under `microbenchRoot`. */
export async function openMicrobenchStore(config: StoreConfig, microbenchRoot: string): Promise<MicrobenchReader> {
  if (config.kind === 'file') return new MicrobenchFileStore(microbenchRoot);
  const { ClickHouseMicrobench } = await import('./clickhouse/clickhouse-microbench.ts');
  return ClickHouseMicrobench.open(config.clickhouse!);
}

/**
 * The sinks of one run, as one Sink: always the file sink under config.resultsRoot, plus ClickHouse
 * when configured. Trouble with ClickHouse goes to stderr (one line) and into the manifest's notes.
 */
export async function openSinks(config: StoreConfig, opts: { warn?: (line: string) => void } = {}): Promise<SinkSet> {
  const others: OptionalSink[] = [];
  if (config.clickhouse) {
    const { ClickHouseSink } = await import('./clickhouse/clickhouse-sink.ts');
    others.push(new ClickHouseSink(config.clickhouse));
  }
  return new SinkSet(new FileSink(config.resultsRoot), others, opts);
}
