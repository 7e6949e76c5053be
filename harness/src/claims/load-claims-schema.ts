// The claim forms about load (they read a sweep of `harness sweep`, not a run):
//   equal_load_ratio      subject's latency / reference's at an equal load, op value; the load is
//                         a fraction of one processor's sustainable throughput ("at 80% of Go's"),
//                         the same fraction of each one's own ("each"), or an absolute rate;
//   sustainable_per_core  sustainable throughput under the sweep's SLO ÷ the core budget, op value,
//                         with the latency bound the claim is made under ("p99 ≤ 1 ms").
// On a run without a sweep they evaluate as not measured (inconclusive, with the reason).
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase letters, digits and dashes');
const processor = z.string().min(1);
const scenarios = z.union([z.array(z.string().min(1)).min(1), z.literal('all')]).default('all');
const op = z.enum(['<=', '>=']);
const common = { id, description: z.string().min(1), scenarios };

export const LOAD_METRICS = ['p50', 'p99', 'p999', 'p50_clean', 'p99_clean', 'p999_clean'] as const;
export type LoadMetric = (typeof LOAD_METRICS)[number];

/** Where the two processors are compared. */
export const EqualLoad = z.union([
  z.object({ fraction: z.number().gt(0).max(1), of: processor.describe('a processor, or "each": every processor at that fraction of its own') }).strict(),
  z.object({ rate_per_s: z.number().positive().describe('an absolute offered rate on the sweep\'s ladder that both sustained') }).strict(),
]);
export type EqualLoad = z.infer<typeof EqualLoad>;

export const EqualLoadRatioClaim = z.object({
  ...common,
  kind: z.literal('equal_load_ratio'),
  metric: z.enum(LOAD_METRICS),
  subject: processor,
  reference: processor,
  at: EqualLoad,
  op,
  value: z.number().positive(),
}).strict();

/** The latency bound a throughput claim is made under: the sweep's SLO must be at least as strict. */
export const ClaimLatencyBound = z.object({ percentile: z.enum(['p50', 'p99', 'p999']), figure: z.enum(['clean', 'raw']), max_us: z.number().positive() }).strict();

export const SustainablePerCoreClaim = z.object({
  ...common,
  kind: z.literal('sustainable_per_core'),
  processor,
  unit: z.enum(['events', 'requests']).default('events'),
  op,
  value: z.number().positive(),
  latency: ClaimLatencyBound,
}).strict();
