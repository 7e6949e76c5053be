// The optional `sweep` block of a scenario file: how `harness sweep` walks this scenario's load
// curve and what sustainable means for it (its SLO). Every field is optional; what is missing
// comes from the harness's defaults (sweep/settings.ts) and command-line flags override it.
import { z } from 'zod';
import { Slo } from '../results/sweep-schema.ts';

const rate = z.number().positive();

export const SweepBlock = z
  .object({
    start_per_s: rate.optional().describe('first rate of the curve (default: the scenario\'s load rate ÷ 8)'),
    step_factor: z.number().gt(1).optional().describe('each rate is the previous × this (default 1.25: +25%)'),
    rates_per_s: z.array(rate).min(1).optional().describe('an explicit ladder instead of start × factor^k'),
    max_per_s: rate.optional().describe('never offer more than this'),
    floor_per_s: rate.optional().describe('never go below this when the start is already unsustainable'),
    slo: Slo.optional().describe('default: clean p99 ≤ 1 ms, ≥ 99% answered, no growing latency'),
  })
  .strict();
export type SweepBlock = z.infer<typeof SweepBlock>;
