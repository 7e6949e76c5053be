// Event batches for POST /v1/events: N events over K keys, a configurable share of them invalid
// with every rejection reason represented, serialized by hand so the bytes can also carry what
// JSON.stringify never writes (a duplicated field, `1.0` and `1e3` as ts) exactly as the spec
// allows them.
import type { Prng } from './prng.ts';

export type EventRejectReason = 'type' | 'key' | 'ts' | 'value' | 'kind';
export const EVENT_REJECT_REASONS: readonly EventRejectReason[] = ['type', 'key', 'ts', 'value', 'kind'];

export interface EventBatchOptions {
  /** Number of array elements in the batch. */
  events: number;
  /** Size of the key pool (keys are `${keyPrefix}${index padded to 5 digits}`). */
  keys: number;
  /** Share of elements that are invalid, 0..1 (default 0). */
  invalidShare?: number;
  /** Reasons to draw invalid elements from (default: all five). */
  invalidReasons?: readonly EventRejectReason[];
  /** Share of valid events with an extra unknown field (default 0.05). */
  unknownFieldShare?: number;
  /** Share of valid events that repeat a field, the last occurrence being the valid one (default 0). */
  duplicateFieldShare?: number;
  /** Base timestamp in ms (default 1764144000000). */
  baseTs?: number;
  keyPrefix?: string;
}

/** The valid key for pool index i. */
export function eventKey(index: number, keyPrefix = 'sensor-'): string {
  return `${keyPrefix}${String(index).padStart(5, '0')}`;
}

/** Every key a batch with these options can touch. */
export function eventKeys(keys: number, keyPrefix = 'sensor-'): string[] {
  return Array.from({ length: keys }, (_, i) => eventKey(i, keyPrefix));
}

type Field = readonly [name: string, jsonText: string];

const KINDS = ['reading', 'reading', 'reading', 'reading', 'reading', 'reading', 'alert', 'heartbeat'] as const;

function value(rng: Prng): string {
  switch (rng.int(6)) {
    case 0:
      return String(rng.between(-1000, 1000)); // integers
    case 1:
      return String(rng.between(-5_000_000, 5_000_000) / 1000); // three decimals
    case 2:
      return `${rng.between(1, 9)}.${rng.between(0, 99)}e-${rng.between(1, 9)}`; // small, exponent form
    default:
      return String(Math.round((rng.float() * 200 - 50) * 1e6) / 1e6);
  }
}

function timestamp(rng: Prng, baseTs: number): string {
  // Mostly increasing around the base with some out-of-order arrivals, so last_ts = max matters.
  const ts = baseTs + rng.between(0, 10_000_000);
  const form = rng.int(20);
  if (form === 0) return `${ts}.0`;
  if (form === 1) return `${ts / 1000}e3`;
  return String(ts);
}

function validFields(rng: Prng, o: Required<Omit<EventBatchOptions, 'invalidReasons'>>): Field[] {
  const fields: Field[] = [
    ['key', JSON.stringify(eventKey(rng.int(o.keys), o.keyPrefix))],
    ['ts', timestamp(rng, o.baseTs)],
    ['value', value(rng)],
    ['kind', JSON.stringify(rng.pick(KINDS))],
  ];
  if (rng.chance(o.unknownFieldShare)) {
    fields.splice(rng.int(fields.length + 1), 0, [rng.pick(['unit', 'source', 'meta', 'tags']), rng.pick(['"celsius"', '{"a":[1,2,{"b":null}]}', 'true', 'null', '[]', '-0.5e10'])]);
  }
  return fields;
}

function replaceField(fields: Field[], name: string, jsonText: string | undefined): Field[] {
  const out = fields.filter(([n]) => n !== name);
  if (jsonText === undefined) return out;
  const at = fields.findIndex(([n]) => n === name);
  out.splice(at < 0 ? out.length : at, 0, [name, jsonText]);
  return out;
}

// Each entry turns a valid event into one rejected for exactly that reason (earlier checks pass).
const BREAKERS: Record<EventRejectReason, ReadonlyArray<(f: Field[], rng: Prng) => Field[] | string>> = {
  type: [() => '42', () => '"reading"', () => 'null', () => '[1,2]', () => 'true'],
  key: [
    (f) => replaceField(f, 'key', undefined),
    (f) => replaceField(f, 'key', '""'),
    (f) => replaceField(f, 'key', JSON.stringify('k'.repeat(65))),
    (f) => replaceField(f, 'key', '"bad key"'),
    (f) => replaceField(f, 'key', '"sensor/1"'),
    (f) => replaceField(f, 'key', '"s\u00e9nsor"'),
    (f) => replaceField(f, 'key', '12345'),
    (f) => replaceField(f, 'key', 'null'),
  ],
  ts: [
    (f) => replaceField(f, 'ts', undefined),
    (f) => replaceField(f, 'ts', '-1'),
    (f) => replaceField(f, 'ts', '1764144000123.5'),
    (f) => replaceField(f, 'ts', '9007199254740992'),
    (f) => replaceField(f, 'ts', '"1764144000123"'),
    (f) => replaceField(f, 'ts', 'null'),
  ],
  value: [
    (f) => replaceField(f, 'value', undefined),
    (f) => replaceField(f, 'value', '"12.5"'),
    (f) => replaceField(f, 'value', 'null'),
    (f) => replaceField(f, 'value', 'true'),
    (f) => replaceField(f, 'value', '[1]'),
  ],
  kind: [
    (f) => replaceField(f, 'kind', undefined),
    (f) => replaceField(f, 'kind', '"warning"'),
    (f) => replaceField(f, 'kind', '"Reading"'),
    (f) => replaceField(f, 'kind', '1'),
  ],
};

function serialize(fields: readonly Field[]): string {
  return `{${fields.map(([n, v]) => `${JSON.stringify(n)}:${v}`).join(',')}}`;
}

/** The exact bytes of one POST /v1/events body. */
export function generateEventBatch(rng: Prng, options: EventBatchOptions): Buffer {
  return generateCountedEventBatch(rng, options).body;
}

/** A body and how many of its events the spec accepts (every broken element is rejected by design). */
export interface CountedEventBatch {
  body: Buffer;
  accepted: number;
}

/** Like generateEventBatch (the same bytes for the same rng state), plus the accepted count. */
export function generateCountedEventBatch(rng: Prng, options: EventBatchOptions): CountedEventBatch {
  const o = {
    invalidShare: 0,
    unknownFieldShare: 0.05,
    duplicateFieldShare: 0,
    baseTs: 1_764_144_000_000,
    keyPrefix: 'sensor-',
    ...options,
  };
  const reasons = options.invalidReasons ?? EVENT_REJECT_REASONS;
  const elements: string[] = [];
  let accepted = 0;
  for (let i = 0; i < o.events; i += 1) {
    const fields = validFields(rng, o);
    if (rng.chance(o.invalidShare)) {
      accepted -= 1;
      const broken = rng.pick(BREAKERS[rng.pick(reasons)])(fields, rng);
      elements.push(typeof broken === 'string' ? broken : serialize(broken));
    } else if (rng.chance(o.duplicateFieldShare)) {
      // An earlier, invalid occurrence of the same field: only last-wins parsing accepts it.
      const dup = rng.pick(['key', 'ts', 'value', 'kind']);
      elements.push(serialize([[dup, '"overwritten later"'], ...fields]));
    } else {
      elements.push(serialize(fields));
    }
  }
  accepted += o.events;
  return { body: Buffer.from(`[${elements.join(',')}]`, 'utf8'), accepted };
}
