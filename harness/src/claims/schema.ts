// The claims file: a decision record's claims, declared so a run can be checked against them.
// Declarative and copyable: a team writes its own record's claims in the same shape. Validated
// with zod; every problem is reported at once (with its path in the file).
import { z } from 'zod';
import { METRIC_IDS } from '../compare/metrics.ts';
import { EqualLoadRatioClaim, SustainablePerCoreClaim } from './load-claims-schema.ts';

export const CLAIMS_SCHEMA_VERSION = 1;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase letters, digits and dashes');
const processor = z.string().min(1);
/** A list of scenarios, or "all" for every scenario of the run that has the data. */
const scenarios = z.union([z.array(z.string().min(1)).min(1), z.literal('all')]).default('all');
const op = z.enum(['<=', '>=']);
const common = { id, description: z.string().min(1), scenarios };

/** subject's metric / reference's metric, op value (e.g. rust p99 / go p99 <= 0.75). */
export const RatioClaim = z.object({
  ...common,
  kind: z.literal('ratio'),
  metric: z.enum(METRIC_IDS),
  subject: processor,
  reference: processor,
  op,
  value: z.number().positive(),
}).strict();

/** The processor recorded no runtime pause at all (and its runtime says it has no collector). */
export const NoPausesClaim = z.object({ ...common, kind: z.literal('no_pauses'), processor }).strict();

/** Share of requests slower than p99 that overlapped a runtime pause, op value (a share, 0–1). */
export const PauseShareClaim = z.object({
  ...common,
  kind: z.literal('pause_share'),
  processor,
  op,
  value: z.number().min(0).max(1),
}).strict();

/** Closed-loop capacity in events/s divided by the processor's core budget (provenance.threads), op value. */
export const CapacityPerCoreClaim = z.object({
  ...common,
  kind: z.literal('capacity_per_core'),
  processor,
  op,
  value: z.number().positive(),
}).strict();

/**
 * A figure of the newest in-process micro-benchmark result (`npm run microbench`), not of a run:
 * the median time of one call of `function` × `implementation` × `batch_size` — alone (value_ns),
 * minus the same call of `minus` (what crossing a boundary adds, value_ns), or as the throughput
 * kept relative to `relative_to` (its median ÷ this one's, value a ratio).
 */
export const MicrobenchClaim = z.object({
  ...common,
  kind: z.literal('microbench'),
  function: z.string().min(1),
  implementation: processor,
  batch_size: z.int().min(1),
  minus: processor.optional(),
  relative_to: processor.optional(),
  op,
  value: z.number().positive(),
}).strict().refine((c) => !(c.minus && c.relative_to), { message: 'give minus or relative_to, not both', path: ['relative_to'] });

export const Claim = z.discriminatedUnion('kind', [RatioClaim, NoPausesClaim, PauseShareClaim, CapacityPerCoreClaim, MicrobenchClaim, EqualLoadRatioClaim, SustainablePerCoreClaim]);
export type Claim = z.infer<typeof Claim>;

export const ClaimsFile = z
  .object({
    schema_version: z.literal(CLAIMS_SCHEMA_VERSION),
    title: z.string().min(1),
    source: z.string().optional().describe('where the decision record lives'),
    confidence: z.number().gt(0.5).lt(1).default(0.95),
    min_repetitions: z.number().int().min(2).default(3),
    claims: z.array(Claim).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.claims.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['claims', i, 'id'], message: `duplicate id "${c.id}"` });
      seen.add(c.id);
      if ((c.kind === 'ratio' || c.kind === 'equal_load_ratio') && c.subject === c.reference) ctx.addIssue({ code: 'custom', path: ['claims', i, 'reference'], message: 'subject and reference are the same processor' });
    });
  });
export type ClaimsFile = z.infer<typeof ClaimsFile>;
