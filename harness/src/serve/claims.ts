// Where the Claims view gets its verdicts: the claims.json that `harness claims` leaves in a run
// folder. Until a run has been evaluated the API says so (and names the command); it never
// invents verdicts. The source is injected so another store (ClickHouse) can supply its own.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ClaimVerdict as EvaluatedVerdict } from '../claims/evaluate.ts';
import { CLAIMS_RESULT_FILE } from '../claims/run-claims.ts';
import { runDir } from '../results/layout.ts';
import type { ClaimVerdict } from './api-types.ts';

export interface EvaluatedClaims {
  title?: string;
  verdicts: ClaimVerdict[];
}

export type ClaimsSource = (runId: string) => Promise<EvaluatedClaims | undefined>;

export const NOT_EVALUATED_HINT = 'no claims evaluated yet — run `harness claims`';

const Verdict = z.enum(['supported', 'refuted', 'inconclusive']);
const maybeNumber = z.number().nullable();

/** What the claims stage writes (harness/src/claims/evaluate.ts ClaimVerdict). */
const EvaluatedVerdictSchema = z.object({
  claim_id: z.string(),
  description: z.string(),
  scenario: z.string().nullable(),
  measured: maybeNumber,
  ci_low: maybeNumber,
  ci_high: maybeNumber,
  unit: z.string(),
  verdict: Verdict,
  reasons: z.array(z.string()),
  n: z.number(),
}) satisfies z.ZodType<EvaluatedVerdict>;

/** The plain shape, for verdicts produced by other tools. */
const PlainVerdictSchema = z.object({ claim: z.string(), measured: maybeNumber, ci_low: maybeNumber, ci_high: maybeNumber, verdict: Verdict });

const AnyVerdict = z.union([
  EvaluatedVerdictSchema.transform(
    (v): ClaimVerdict => ({
      claim: v.description,
      claim_id: v.claim_id,
      scenario: v.scenario,
      measured: v.measured,
      ci_low: v.ci_low,
      ci_high: v.ci_high,
      unit: v.unit,
      verdict: v.verdict,
      reasons: v.reasons,
      n: v.n,
    }),
  ),
  PlainVerdictSchema,
]);

const ClaimsFileSchema = z.union([
  z.array(AnyVerdict).transform((verdicts): EvaluatedClaims => ({ verdicts })),
  z.object({ title: z.string().optional(), verdicts: z.array(AnyVerdict) }).loose().transform((f): EvaluatedClaims => ({ ...(f.title ? { title: f.title } : {}), verdicts: f.verdicts })),
]);

export class ClaimsFileError extends Error {}

/** Reads `<resultsRoot>/<run>/claims.json`; undefined when the run has not been evaluated. */
export function fileClaimsSource(resultsRoot: string): ClaimsSource {
  return async (runId) => {
    const file = path.join(runDir(resultsRoot, runId), CLAIMS_RESULT_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ClaimsFileError(`${file} is not valid JSON`);
    }
    const parsed = ClaimsFileSchema.safeParse(raw);
    if (!parsed.success) throw new ClaimsFileError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    return parsed.data;
  };
}
