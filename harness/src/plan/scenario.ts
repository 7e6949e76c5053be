// A scenario file (`scenarios/<name>/scenario.json`): what load to generate and at what rate.
// Validated with every error reported at once, each with its file and field path.
import { z } from 'zod';
import { Schedule } from '../results/schema.ts';
import { SweepBlock } from './sweep-block.ts';

const positiveInt = z.number().int().positive();
const share = z.number().min(0).max(1);

export const EventsWorkload = z.object({
  kind: z.literal('events'),
  keys: positiveInt,
  events_per_request: positiveInt,
  invalid_share: share,
  pool_size: positiveInt.describe('distinct request bodies generated before the run and cycled'),
});

export const ReadsWorkload = z.object({
  kind: z.literal('reads'),
  reads_per_request: positiveInt,
  read_length: z.number().int().min(11),
  pool_size: positiveInt,
});

export const MixedWorkload = z.object({
  kind: z.literal('mixed'),
  keys: positiveInt,
  events_per_request: positiveInt,
  invalid_share: share,
  read_share: share.describe('share of requests that GET a key instead of posting events'),
  pool_size: positiveInt,
});

export const Workload = z.discriminatedUnion('kind', [EventsWorkload, ReadsWorkload, MixedWorkload]);
export type Workload = z.infer<typeof Workload>;

export const ScenarioSpec = z
  .object({
    schema_version: z.literal(1),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes'),
    description: z.string().min(1),
    vectors: z.array(z.string().min(1)).describe('golden-vector suites a processor must pass before this scenario is timed'),
    workload: Workload,
    preload: z
      .object({ keys: positiveInt, events_per_key: positiveInt, events_per_request: positiveInt })
      .nullable(),
    load: z.object({ schedule: Schedule, connections: positiveInt }),
    capacity: z.object({ connections: positiveInt }),
    seed: z.number().int().nonnegative(),
    sweep: SweepBlock.optional().describe('how `harness sweep` walks this scenario and its SLO (plan/sweep-block.ts)'),
  })
  .strict();
export type ScenarioSpec = z.infer<typeof ScenarioSpec>;

export const Profile = z
  .object({
    description: z.string(),
    repetitions: positiveInt,
    warmup_s: z.number().nonnegative(),
    measure_s: z.number().positive(),
    capacity_s: z.number().nonnegative().describe('0 skips the closed-loop capacity step'),
    scenarios: z.array(z.string().min(1)).min(1).optional().describe('the scenarios run when --scenarios is not given (default: every scenario)'),
    precision: z
      .object({
        target_pct: z.number().positive().lt(100).describe('each measure phase runs until the 95% interval of the clean percentile is within ±target_pct% of it'),
        of: z.enum(['p99', 'p999']).optional().describe('default p99'),
        max_measure_s: z.number().positive().describe('the cap of a measure phase; measure_s is its minimum'),
      })
      .strict()
      .optional()
      .describe('precision-driven measure phases (plan/precision.ts); absent: fixed measure_s'),
  })
  .strict();
export type Profile = z.infer<typeof Profile>;

export const ProfilesFile = z.object({ schema_version: z.literal(1), profiles: z.record(z.string(), Profile) }).strict();
