// The sinks of one run behind one Sink: the file sink (always on, the record of truth) plus any
// shared store. A shared store that is down or fails never fails the run: its trouble becomes a
// note in the run's manifest and one line on stderr, and the run can be pushed later.
import type { Capacity, Measurement, RunManifest } from '../results/schema.ts';
import type { FileSink } from './file-sink.ts';
import type { Sink, SinkOutcome } from './types.ts';

/** A shared-store sink that can tell, at start, that it will not be writing. */
export interface OptionalSink extends Sink {
  /** Set after start() when the sink is off for this run (e.g. server down); the reason is one line. */
  readonly disabledReason: string | undefined;
}

export class SinkSet implements Sink {
  readonly name: string;
  private readonly notes: string[] = [];
  private readonly warn: (line: string) => void;

  constructor(
    readonly file: FileSink,
    readonly others: OptionalSink[],
    opts: { warn?: (line: string) => void } = {},
  ) {
    this.name = [file.name, ...others.map((s) => s.name)].join('+');
    this.warn = opts.warn ?? ((line) => process.stderr.write(`harness: ${line}\n`));
  }

  /** Notes added to the manifest by the sinks themselves (e.g. "ClickHouse was down"). */
  get sinkNotes(): readonly string[] {
    return this.notes;
  }

  private withNotes(m: RunManifest): RunManifest {
    const extra = this.notes.filter((n) => !m.notes.includes(n));
    return extra.length ? { ...m, notes: [...m.notes, ...extra] } : m;
  }

  private note(line: string): void {
    this.notes.push(line);
    this.warn(line);
  }

  async start(manifest: RunManifest): Promise<void> {
    await this.file.start(manifest);
    for (const s of this.others) {
      try {
        await s.start(manifest);
      } catch (err) {
        this.note(`${s.name}: not writing this run (${err instanceof Error ? err.message : String(err)}); push it later with \`harness push ${manifest.run_id}\``);
        continue;
      }
      if (s.disabledReason !== undefined) {
        this.note(`${s.name}: not writing this run (${s.disabledReason}); push it later with \`harness push ${manifest.run_id}\``);
      }
    }
    if (this.notes.length) await this.file.start(this.withNotes(manifest));
  }

  addMeasurement(m: Measurement): void {
    this.file.addMeasurement(m);
    for (const s of this.others) s.addMeasurement(m);
  }

  addCapacity(c: Capacity): void {
    this.file.addCapacity(c);
    for (const s of this.others) s.addCapacity(c);
  }

  /** Stops the shared stores first so their outcome can be noted in the run.json the file sink writes last. */
  stopNow(manifest: RunManifest): void {
    this.file.stopNow(this.withNotes(manifest));
  }

  async stop(manifest: RunManifest): Promise<SinkOutcome> {
    for (const s of this.others) {
      if (s.disabledReason !== undefined) {
        await s.stop(manifest).catch(() => undefined);
        continue;
      }
      let outcome: SinkOutcome;
      try {
        outcome = await s.stop(this.withNotes(manifest));
      } catch (err) {
        outcome = { ok: false, written: 0, error: err instanceof Error ? err.message : String(err) };
      }
      if (!outcome.ok) {
        this.note(`${s.name}: write failed after ${outcome.written} rows (${outcome.error}); the run is complete on disk, push it with \`harness push ${manifest.run_id}\``);
      }
    }
    return this.file.stop(this.withNotes(manifest));
  }
}
