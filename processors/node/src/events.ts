// POST /v1/events: parse a batch, validate each element alone, apply the valid ones in order.

import type { ProcessorState } from './key-state.ts';
import { validateEvent, type RejectReason } from './validate.ts';

/** The spec lists at most this many rejected elements in `errors` (`rejected` counts them all). */
export const MAX_LISTED_ERRORS = 10;

export interface ElementError {
  readonly index: number;
  readonly reason: RejectReason;
}

/** The 200 response body, fields in the spec's order. */
export interface IngestResult {
  readonly accepted: number;
  readonly rejected: number;
  readonly errors: ElementError[];
}

/** The whole batch is refused (400) and nothing is applied. */
export interface BatchError {
  readonly error: string;
}

export function ingestBatch(text: string, state: ProcessorState): IngestResult | BatchError {
  let batch: unknown;
  try {
    batch = JSON.parse(text);
  } catch {
    // The parser's message echoes input and positions; one fixed line is enough for a client.
    return { error: 'body is not valid JSON' };
  }
  if (!Array.isArray(batch)) return { error: 'body must be a JSON array of events' };

  let accepted = 0;
  let rejected = 0;
  const errors: ElementError[] = [];
  for (let index = 0; index < batch.length; index++) {
    const event = validateEvent(batch[index]);
    if (typeof event === 'string') {
      rejected += 1;
      if (errors.length < MAX_LISTED_ERRORS) errors.push({ index, reason: event });
      continue;
    }
    state.apply(event.key, event.ts, event.value, event.kind === 'alert');
    accepted += 1;
  }
  return { accepted, rejected, errors };
}
