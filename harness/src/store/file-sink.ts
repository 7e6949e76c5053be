// The always-on sink: each measurement lands in its own file as soon as it arrives, run.json at the
// start and at the end, so an interrupted run keeps everything measured so far. `add*` only chains
// a write; a failed write is reported by `stop`, never thrown into the measurement. At stop, before
// the final run.json, a series index (file-series-index.ts) so trends over many runs stay cheap.
import { RUN_ID_PATTERN, runDir } from '../results/layout.ts';
import type { Capacity, Measurement, RunManifest } from '../results/schema.ts';
import { capacityPath, manifestPath, measurementPath, writeAtomicSync, writeCapacity, writeManifest, writeMeasurement } from '../results/write-run.ts';
import { writeSeriesIndex } from './file-series-index.ts';
import type { Sink, SinkOutcome } from './types.ts';

export class FileSink implements Sink {
  readonly name = 'file';
  private dir: string | undefined;
  private chain: Promise<void> = Promise.resolve();
  private written = 0;
  private firstError: string | undefined;
  /** Files queued but not yet on disk, for stopNow. */
  private readonly pending = new Map<string, unknown>();
  private stoppedNow = false;

  constructor(readonly resultsRoot: string) {}

  /** The run's folder, once started. */
  get runDir(): string | undefined {
    return this.dir;
  }

  async start(manifest: RunManifest): Promise<void> {
    if (!RUN_ID_PATTERN.test(manifest.run_id)) throw new Error(`run id ${JSON.stringify(manifest.run_id)} does not match ${RUN_ID_PATTERN}`);
    this.dir = runDir(this.resultsRoot, manifest.run_id);
    await writeManifest(this.dir, manifest);
  }

  private enqueue(what: string, file: (dir: string) => string, value: unknown, write: (dir: string) => Promise<void>): void {
    const dir = this.dir;
    if (dir === undefined) {
      this.firstError ??= `${what} added before start`;
      return;
    }
    const target = file(dir);
    this.pending.set(target, value);
    this.chain = this.chain.then(async () => {
      if (this.stoppedNow) return;
      try {
        await write(dir);
        this.written++;
      } catch (err) {
        this.firstError ??= `${what}: ${err instanceof Error ? err.message : String(err)}`;
      } finally {
        this.pending.delete(target);
      }
    });
  }

  addMeasurement(m: Measurement): void {
    this.enqueue(`measurement ${m.scenario}/${m.processor}/r${m.repetition}`, (dir) => measurementPath(dir, m), m, (dir) => writeMeasurement(dir, m));
  }

  addCapacity(c: Capacity): void {
    this.enqueue(`capacity ${c.scenario}/${c.processor}`, (dir) => capacityPath(dir, c), c, (dir) => writeCapacity(dir, c));
  }

  stopNow(manifest: RunManifest): void {
    if (this.dir === undefined || this.stoppedNow) return;
    this.stoppedNow = true;
    for (const [file, value] of this.pending) {
      try {
        writeAtomicSync(file, value);
      } catch {
        // Exiting anyway: the manifest below still says the run is incomplete.
      }
    }
    this.pending.clear();
    writeAtomicSync(manifestPath(this.dir), manifest);
  }

  /** Resolves when every queued file is on disk. */
  flushed(): Promise<void> {
    return this.chain;
  }

  async stop(manifest: RunManifest): Promise<SinkOutcome> {
    await this.chain;
    if (this.dir === undefined) return { ok: false, written: 0, error: 'stopped before start' };
    // The series index only speeds up the file store's `series`; without it (or with a stale one)
    // readers fall back to the measurement files, so failing to write it is not a failed run.
    await writeSeriesIndex(this.dir, manifest.run_id).catch(() => undefined);
    try {
      await writeManifest(this.dir, manifest);
    } catch (err) {
      this.firstError ??= `run.json: ${err instanceof Error ? err.message : String(err)}`;
    }
    return this.firstError === undefined
      ? { ok: true, written: this.written }
      : { ok: false, written: this.written, error: this.firstError };
  }
}
