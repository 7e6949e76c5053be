// Where the Claims view gets its verdicts. `harness claims` writes them; until a run has been
// evaluated the API says so (and tells the user the command), it never invents verdicts. The
// source is injected so the claims stage can supply its own reader (e.g. for ClickHouse).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { runDir } from '../results/layout.ts';
import type { ClaimVerdict } from './api-types.ts';

export type ClaimsSource = (runId: string) => Promise<ClaimVerdict[] | undefined>;

/** The file the claims stage leaves in a run folder. */
export const CLAIMS_FILE = 'claims.json';

export const NOT_EVALUATED_HINT = 'no claims evaluated yet — run `harness claims`';

const ClaimVerdictSchema = z.object({
  claim: z.string(),
  measured: z.number(),
  ci_low: z.number(),
  ci_high: z.number(),
  verdict: z.enum(['supported', 'refuted', 'inconclusive']),
});
// Either a bare list or an object holding one under `verdicts`, so a richer claims file still reads.
const ClaimsFile = z.union([z.array(ClaimVerdictSchema), z.object({ verdicts: z.array(ClaimVerdictSchema) }).loose()]);

export class ClaimsFileError extends Error {}

/** Reads `<resultsRoot>/<run>/claims.json`; undefined when the file does not exist. */
export function fileClaimsSource(resultsRoot: string): ClaimsSource {
  return async (runId) => {
    const file = path.join(runDir(resultsRoot, runId), CLAIMS_FILE);
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
    const parsed = ClaimsFile.safeParse(raw);
    if (!parsed.success) throw new ClaimsFileError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    return Array.isArray(parsed.data) ? parsed.data : parsed.data.verdicts;
  };
}
