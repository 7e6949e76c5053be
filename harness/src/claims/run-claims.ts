// claims as a function of its command-line inputs: load and validate the claims file, resolve the
// runs, evaluate, render, and leave the verdicts in each file-store run folder (claims.json) for
// the dashboard. All problems come back together.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveRuns } from '../store/resolve-runs.ts';
import type { RunRecord } from '../results/schema.ts';
import type { StoredMicrobench } from '../results/microbench-schema.ts';
import type { MicrobenchReader } from '../store/microbench-types.ts';
import type { StoreReader } from '../store/types.ts';
import type { SweepResult } from '../results/sweep-schema.ts';
import type { SweepSource } from '../store/sweep-source.ts';
import { evaluateClaims, type ClaimVerdict } from './evaluate.ts';
import { loadClaims } from './load.ts';
import { renderClaimsMarkdown, renderClaimsText } from './render.ts';

export const CLAIMS_RESULT_FILE = 'claims.json';

export interface ClaimsInputs {
  runs: string[];
  file: string;
  format: 'text' | 'markdown' | 'json';
  /** Results root of the file store: verdicts of a single run are written to <root>/<run>/claims.json. */
  write_to?: string;
  /** The micro-benchmark result for `microbench` claims; default: the newest that is not a smoke run. */
  microbench?: string;
  /** Sweeps (ids, folders or "latest") the claims about load are judged on; none: they are not measured. */
  sweeps?: string[];
}

/** Where the claims that are not about runs find their evidence. */
export interface ClaimsSources {
  microbench?: MicrobenchReader;
  sweeps?: SweepSource;
}

/** How many of the newest micro-benchmark results are searched for one that is not a smoke run. */
const NEWEST_SEARCHED = 20;

async function microbenchEvidence(reader: MicrobenchReader | undefined, ref: string | undefined, problems: string[]): Promise<StoredMicrobench | null> {
  if (!reader) return null;
  if (ref) {
    const found = await reader.getMicrobench(ref);
    if (!found) problems.push(`no micro-benchmark result "${ref}" in the ${reader.name} store (\`npm run microbench\` makes one)`);
    return found ?? null;
  }
  for (const summary of await reader.listMicrobench(NEWEST_SEARCHED)) {
    if (!summary.smoke) return (await reader.getMicrobench(summary.id)) ?? null;
  }
  return null;
}

export type ClaimsOutput = { ok: true; verdicts: ClaimVerdict[]; stdout: string; written?: string } | { ok: false; problems: string[] };

export async function runClaims(inputs: ClaimsInputs, store: StoreReader, sources: ClaimsSources = {}): Promise<ClaimsOutput> {
  const problems: string[] = [];
  const loaded = await loadClaims(inputs.file);
  if (!loaded.ok) problems.push(...loaded.problems);
  const wantsMicrobench = loaded.ok && loaded.file.claims.some((c) => c.kind === 'microbench');
  const mb = wantsMicrobench || inputs.microbench ? await microbenchEvidence(sources.microbench, inputs.microbench, problems) : null;
  const sweepSource = sources.sweeps;
  const sweeps: SweepResult[] = [];
  for (const ref of inputs.sweeps ?? []) {
    if (!sweepSource) {
      problems.push(`--sweep ${ref}: no sweep store to read it from`);
      continue;
    }
    try {
      const found = await sweepSource.get(ref);
      if (found) sweeps.push(found);
      else problems.push(ref === 'latest' ? `no sweep in ${sweepSource.describe} yet (run \`harness sweep\` first)` : `no sweep "${ref}" in ${sweepSource.describe}`);
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  }
  const runs: RunRecord[] = [];
  if (inputs.runs.length === 0) {
    const latest = await store.latestRun();
    if (latest) runs.push(latest);
    else problems.push(`the ${store.name} store has no run (run \`harness run\` first, or name a run)`);
  }
  for (const ref of inputs.runs) {
    const r = await resolveRuns(ref, store);
    if (r.ok) runs.push(...r.runs);
    else problems.push(...r.problems);
  }
  if (problems.length || !loaded.ok) return { ok: false, problems };

  const verdicts = evaluateClaims(runs, loaded.file, { microbench: mb, sweeps });
  const ids = runs.map((r) => r.manifest.run_id);
  const stdout =
    inputs.format === 'json'
      ? `${JSON.stringify({ title: loaded.file.title, runs: ids, ...(sweeps.length ? { sweeps: sweeps.map((x) => x.id) } : {}), verdicts }, null, 2)}\n`
      : inputs.format === 'markdown'
        ? renderClaimsMarkdown(loaded.file.title, ids, verdicts)
        : renderClaimsText(loaded.file.title, ids, verdicts);
  let written: string | undefined;
  if (inputs.write_to && runs.length === 1) {
    const dir = path.join(inputs.write_to, ids[0]!);
    if (await stat(dir).then((s) => s.isDirectory(), () => false)) {
      written = path.join(dir, CLAIMS_RESULT_FILE);
      await mkdir(dir, { recursive: true });
      const body = { schema_version: 1, run_id: ids[0], claims_file: inputs.file, title: loaded.file.title, evaluated_at: new Date().toISOString(), verdicts };
      await writeFile(written, `${JSON.stringify(body, null, 2)}\n`);
    }
  }
  return { ok: true, verdicts, stdout, ...(written && { written }) };
}
