// The ClickHouse sink: `add*` turns a record into rows and queues them (no I/O); a timer flushes
// the queue in batches and `stop` flushes the rest, then writes the final runs row. Any failure
// switches the sink off for the rest of the run (no retries, no storm): the file sink has it all,
// and `harness push` uploads it later.
import type { Capacity, Measurement, RunManifest } from '../../results/schema.ts';
import type { ClickHouseConfig } from '../config.ts';
import type { OptionalSink } from '../sink-set.ts';
import type { SinkOutcome } from '../types.ts';
import { connect, describeError, nextVersion, type Connection } from './connection.ts';
import { assertMigrated } from './migrate.ts';
import { insertRunRows } from './push.ts';
import { capacityRow, manifestRow, measurementRows, type RunRows } from './rows.ts';

export interface ClickHouseSinkOptions {
  flushIntervalMs?: number;
  /** Only for tests: a connection to use instead of one made from the config. */
  connection?: Connection;
}

const emptyRows = (): RunRows => ({ runs: [], measurements: [], capacity: [], intervals: [], resource_samples: [], runtime_pauses: [], measurement_details: [] });

export class ClickHouseSink implements OptionalSink {
  readonly name = 'clickhouse';
  disabledReason: string | undefined;
  private conn: Connection | undefined;
  private queue: RunRows = emptyRows();
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private written = 0;
  private error: string | undefined;
  private readonly flushIntervalMs: number;

  constructor(private readonly cfg: ClickHouseConfig, private readonly opts: ClickHouseSinkOptions = {}) {
    this.flushIntervalMs = opts.flushIntervalMs ?? 1000;
  }

  /** Checks the server and schema once; if either is not there, the sink is off for this run (see disabledReason). */
  async start(manifest: RunManifest): Promise<void> {
    const conn = this.opts.connection ?? connect(this.cfg, { request_timeout_ms: 10_000 });
    try {
      await conn.ping();
      await assertMigrated(conn);
      await conn.insert('runs', [manifestRow(manifest, nextVersion())]);
      this.written++;
    } catch (err) {
      this.disabledReason = describeError(err, this.cfg).message;
      if (!this.opts.connection) await conn.close();
      return;
    }
    this.conn = conn;
    this.timer = setInterval(() => this.flush(), this.flushIntervalMs);
    // The timer must never keep the process alive on its own.
    this.timer.unref();
  }

  private get active(): boolean {
    return this.conn !== undefined && this.error === undefined;
  }

  addMeasurement(m: Measurement): void {
    if (!this.active) return;
    const rows = measurementRows(m, nextVersion());
    for (const k of ['measurements', 'intervals', 'resource_samples', 'runtime_pauses', 'measurement_details'] as const) {
      this.queue[k].push(...rows[k]);
      this.queued += rows[k].length;
    }
  }

  addCapacity(c: Capacity): void {
    if (!this.active) return;
    this.queue.capacity.push(capacityRow(c, nextVersion()));
    this.queued++;
  }

  /** Starts a flush of what is queued now, after any flush in progress. */
  private flush(): Promise<void> {
    if (!this.active || this.queued === 0) return this.flushing;
    const batch = this.queue;
    this.queue = emptyRows();
    this.queued = 0;
    this.flushing = this.flushing.then(async () => {
      if (!this.active) return;
      try {
        this.written += await insertRunRows(this.conn!, batch);
      } catch (err) {
        this.error = describeError(err, this.cfg).message;
      }
    });
    return this.flushing;
  }

  async stop(manifest: RunManifest): Promise<SinkOutcome> {
    if (this.timer) clearInterval(this.timer);
    if (this.disabledReason !== undefined) return { ok: false, written: 0, error: this.disabledReason };
    await this.flush();
    await this.flushing;
    if (this.active) {
      try {
        await this.conn!.insert('runs', [manifestRow(manifest, nextVersion())]);
        this.written++;
      } catch (err) {
        this.error = describeError(err, this.cfg).message;
      }
    }
    if (this.conn && !this.opts.connection) await this.conn.close();
    return this.error === undefined ? { ok: true, written: this.written } : { ok: false, written: this.written, error: this.error };
  }
}
