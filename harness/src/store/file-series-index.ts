// The file store's series index: per run, every series metric of every measurement and capacity
// file, so `series` over 1,000 runs reads one small file per run instead of every measurement.
//
// The FileSink writes it (`series-index.json` in the run folder) at stop, after the last
// measurement. It records the modification times (ns) of `measurements/` and `capacity/` as they
// were then; a reader trusts it only while both are unchanged. Result files are written by
// rename into those folders, so any later add, replace or delete changes the folder's mtime and
// the index is ignored (the reader falls back to the files). Runs without an index (older runs,
// runs written by `writeRunDir`) take the same fallback.
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CAPACITY_DIR, MEASUREMENTS_DIR } from '../results/layout.ts';
import { Capacity, Measurement } from '../results/schema.ts';
import { capacityValue, measurementValue, SERIES_METRICS } from './series-logic.ts';
import type { SeriesMetric } from './types.ts';

export const SERIES_INDEX_FILE = 'series-index.json';
const FORMAT = 1;

const MEASUREMENT_METRICS = SERIES_METRICS.filter((m) => m !== 'capacity_events_per_s');

const Entry = z.object({
  /** File name inside measurements/ or capacity/ ("<scenario>__<processor>…json"). */
  file: z.string(),
  /** Set when the file is not valid JSON: a query for its scenario fails as reading it would. */
  error: z.string().optional(),
  /** Absent when the file failed the schema (the reader skips such files). */
  scenario: z.string().optional(),
  processor: z.string().optional(),
  /** Metric → value; a metric the measurement does not have is absent. */
  values: z.record(z.string(), z.number()),
});
export type SeriesIndexEntry = z.infer<typeof Entry>;

const SeriesIndexFile = z.object({
  format: z.literal(FORMAT),
  run_id: z.string(),
  stamp: z.string(),
  measurements: z.array(Entry),
  capacity: z.array(Entry),
});

export interface SeriesIndex {
  measurements: SeriesIndexEntry[];
  capacity: SeriesIndexEntry[];
}

export interface DirStamp {
  /** "<measurements mtime ns>|<capacity mtime ns>" ("-" for a missing folder). */
  stamp: string;
  /** The newer of the two mtimes, in ms (0 when both are missing). */
  newestMs: number;
}

async function mtimeNs(dir: string): Promise<bigint | undefined> {
  try {
    return (await stat(dir, { bigint: true })).mtimeNs;
  } catch {
    return undefined;
  }
}

export async function dirStamp(runDir: string): Promise<DirStamp> {
  const [m, c] = await Promise.all([mtimeNs(path.join(runDir, MEASUREMENTS_DIR)), mtimeNs(path.join(runDir, CAPACITY_DIR))]);
  const newest = [m, c].reduce<bigint>((a, b) => (b !== undefined && b > a ? b : a), 0n);
  return { stamp: `${m ?? '-'}|${c ?? '-'}`, newestMs: Number(newest / 1_000_000n) };
}

export function measurementEntry(file: string, m: Measurement): SeriesIndexEntry {
  const values: Record<string, number> = {};
  for (const metric of MEASUREMENT_METRICS) {
    const v = measurementValue(m, metric);
    if (v !== undefined) values[metric] = v;
  }
  return { file, scenario: m.scenario, processor: m.processor, values };
}

export function capacityEntry(file: string, c: Capacity): SeriesIndexEntry {
  const v = capacityValue(c);
  return { file, scenario: c.scenario, processor: c.processor, values: v === undefined ? {} : { capacity_events_per_s: v } };
}

async function entriesFromFiles(
  folder: string,
  schema: typeof Measurement | typeof Capacity,
  toEntry: (file: string, value: never) => SeriesIndexEntry,
): Promise<SeriesIndexEntry[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (file): Promise<SeriesIndexEntry> => {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(path.join(folder, file), 'utf8'));
      } catch (err) {
        return { file, error: `${path.join(folder, file)}: ${err instanceof Error ? err.message : String(err)}`, values: {} };
      }
      const parsed = schema.safeParse(raw);
      return parsed.success ? toEntry(file, parsed.data as never) : { file, values: {} };
    }),
  );
}

/** The index built from the run's files (the fallback, and what the sink's index must equal). */
export async function seriesIndexFromFiles(runDir: string): Promise<SeriesIndex> {
  const [measurements, capacity] = await Promise.all([
    entriesFromFiles(path.join(runDir, MEASUREMENTS_DIR), Measurement, measurementEntry),
    entriesFromFiles(path.join(runDir, CAPACITY_DIR), Capacity, capacityEntry),
  ]);
  return { measurements, capacity };
}

/** The stored index when it is still valid for the folders as they are now (`current`), else undefined. */
export async function readSeriesIndex(runDir: string, runId: string, current: DirStamp): Promise<SeriesIndex | undefined> {
  try {
    const parsed = SeriesIndexFile.safeParse(JSON.parse(await readFile(path.join(runDir, SERIES_INDEX_FILE), 'utf8')));
    if (!parsed.success || parsed.data.run_id !== runId || parsed.data.stamp !== current.stamp) return undefined;
    return { measurements: parsed.data.measurements, capacity: parsed.data.capacity };
  } catch {
    return undefined;
  }
}

/**
 * Builds the index from the run's files and writes it. Call it once the last result file is on disk
 * (the sink does, at stop). The stamp is taken before the files are read, so a file changed while
 * they are read leaves an index that no reader trusts.
 */
export async function writeSeriesIndex(runDir: string, runId: string): Promise<void> {
  const { stamp } = await dirStamp(runDir);
  const index = await seriesIndexFromFiles(runDir);
  const body: z.infer<typeof SeriesIndexFile> = { format: FORMAT, run_id: runId, stamp, ...index };
  const file = path.join(runDir, SERIES_INDEX_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(body));
  await rename(tmp, file);
}

/**
 * Values per processor for one scenario and metric, as reading that scenario's files would give:
 * files named "<scenario>__…" whose content is of that scenario, invalid files skipped, a file that
 * is not JSON an error.
 */
export function indexValues(index: SeriesIndex, metric: SeriesMetric, scenario: string, processor: string | undefined): Map<string, number[]> {
  const entries = metric === 'capacity_events_per_s' ? index.capacity : index.measurements;
  const out = new Map<string, number[]>();
  const prefix = `${scenario}__`;
  for (const e of entries) {
    if (!e.file.startsWith(prefix)) continue;
    if (e.error !== undefined) throw new Error(e.error);
    if (e.scenario !== scenario || e.processor === undefined) continue;
    if (processor !== undefined && e.processor !== processor) continue;
    const v = e.values[metric];
    if (v === undefined) continue;
    const list = out.get(e.processor);
    if (list) list.push(v);
    else out.set(e.processor, [v]);
  }
  return out;
}
