// The seeded workload generator. Every function takes a Prng (create one with `new Prng(seed)`,
// seed a safe integer or a string) and returns the exact bytes to send, so every processor can
// be sent identical requests, in the same order, on every run and machine.
//
//   new Prng(seed: number | string): Prng
//     .nextU32(): number, .float(): number, .int(n): number, .between(min, max): number,
//     .chance(p): boolean, .pick(items): T
//
//   generateEventBatch(rng: Prng, options: EventBatchOptions): Buffer
//   generateCountedEventBatch(rng, options): { body, accepted } — the same bytes plus the accepted count
//     options: { events, keys, invalidShare?, invalidReasons?, unknownFieldShare?,
//                duplicateFieldShare?, baseTs?, keyPrefix? }
//     A POST /v1/events body: a JSON array of `events` elements over a pool of `keys` keys.
//   eventKey(index: number, keyPrefix?: string): string      e.g. eventKey(42) = "sensor-00042"
//   eventKeys(keys: number, keyPrefix?: string): string[]    the whole pool
//
//   generateFastq(rng: Prng, options: FastqOptions): { body: Buffer, expected_error? }
//     options: { reads, length, nShare?, motifShare?, lineEnding?, corrupt? }
//     A POST /v1/reads body; with `corrupt`, one record is broken and expected_error says which.
//
//   generateKeyPaths(rng: Prng, options: KeyPathOptions): string[]
//     options: { count, keys, unknownShare?, keyPrefix? }   e.g. "/v1/keys/sensor-00042"
export { Prng } from './prng.ts';
export { generateEventBatch, generateCountedEventBatch, eventKey, eventKeys, EVENT_REJECT_REASONS, type EventBatchOptions, type EventRejectReason } from './events.ts';
export { generateFastq, FASTQ_REJECT_REASONS, type FastqOptions, type FastqBody, type FastqRejectReason } from './fastq.ts';
export { generateKeyPaths, type KeyPathOptions } from './key-paths.ts';
