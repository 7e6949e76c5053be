// Validation of one element of a POST /v1/events batch. The checks run in the spec's order and
// the first failing one is the element's reason. The element comes straight from JSON.parse, so
// duplicate fields are already resolved (last one wins) and unknown fields are simply not read.

export type RejectReason = 'type' | 'key' | 'ts' | 'value' | 'kind';

export type EventKind = 'reading' | 'alert' | 'heartbeat';

/** An element that passed every check (the same object JSON.parse returned, now typed). */
export interface ValidEvent {
  readonly key: string;
  readonly ts: number;
  readonly value: number;
  readonly kind: EventKind;
}

export const MAX_KEY_LENGTH = 64;

/** 1 for each ASCII code allowed in a key: [A-Za-z0-9_.:-]. */
const KEY_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-') KEY_CHAR[c.charCodeAt(0)] = 1;

/** Returns the element itself when valid, else the reason it is rejected. */
export function validateEvent(element: unknown): ValidEvent | RejectReason {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return 'type';
  // JSON.parse objects have Object.prototype, which has none of these four names, so a missing
  // field reads as undefined (a "__proto__" member in the JSON is an own field, not a prototype).
  const event = element as Record<string, unknown>;
  if (!isValidKey(event['key'])) return 'key';
  const ts = event['ts'];
  // Number.isInteger is false for NaN and ±Infinity (e.g. 1e400), and true for 1.0 and 1e3.
  if (typeof ts !== 'number' || !Number.isInteger(ts) || ts < 0 || ts > Number.MAX_SAFE_INTEGER) return 'ts';
  const value = event['value'];
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'value';
  const kind = event['kind'];
  if (kind !== 'reading' && kind !== 'alert' && kind !== 'heartbeat') return 'kind';
  return element as ValidEvent;
}

function isValidKey(key: unknown): key is string {
  if (typeof key !== 'string') return false;
  const n = key.length;
  // Every allowed character is ASCII (one UTF-16 unit), so length in units is length in characters
  // for any key that passes; a longer or non-ASCII string fails either here or in the loop.
  if (n === 0 || n > MAX_KEY_LENGTH) return false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c >= 128 || KEY_CHAR[c] === 0) return false;
  }
  return true;
}
