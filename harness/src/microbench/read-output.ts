// A finished benchmark program's output → records of the result format, by the output kind its
// source declares. Every problem is one line naming the file or the tool.
import { readFile } from 'node:fs/promises';
import { MicrobenchResult, MicrobenchSamplesFile, type MicrobenchRecord } from '../results/microbench-schema.ts';
import { goRuntime, GoBenchParseError, parseGoTestBench } from './go-test-bench.ts';
import { recordOf } from './records.ts';
import type { SourceOutput } from './sources.ts';

/** `smoke`: the program itself says its figures mean nothing (its samples or result file says so). */
export type ReadOutcome = { ok: true; records: MicrobenchRecord[]; smoke: boolean } | { ok: false; reason: string };

export interface OutputContext {
  output: SourceOutput;
  stdout: string;
  /** $MICROBENCH_OUT of the run. */
  outFile: string;
  implementation: string;
  language: string;
  /** The manifest's toolchain version (go test -bench does not print its Go version). */
  toolchainVersion?: string;
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]!;
  return `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`;
}

async function readJson(file: string, what: string): Promise<{ ok: true; value: unknown } | { ok: false; reason: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { ok: false, reason: `it wrote no ${what} to $MICROBENCH_OUT (${file})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: `its ${what} is not valid JSON (${(err as Error).message})` };
  }
}

export async function readOutput(ctx: OutputContext): Promise<ReadOutcome> {
  switch (ctx.output) {
    case 'go-test-bench': {
      try {
        const sets = parseGoTestBench(ctx.stdout, { implementation: ctx.implementation, language: ctx.language });
        const runtime = ctx.toolchainVersion ? goRuntime(ctx.toolchainVersion) : 'go (version unknown)';
        return { ok: true, records: sets.map((s) => recordOf(s, 'go test -bench', runtime)), smoke: false };
      } catch (err) {
        if (err instanceof GoBenchParseError) return { ok: false, reason: err.message };
        throw err;
      }
    }
    case 'samples-file': {
      const json = await readJson(ctx.outFile, 'samples file');
      if (!json.ok) return json;
      const parsed = MicrobenchSamplesFile.safeParse(json.value);
      if (!parsed.success) return { ok: false, reason: `samples file: ${firstIssue(parsed.error)}` };
      return { ok: true, records: parsed.data.results.map((s) => recordOf(s, parsed.data.tool, parsed.data.runtime)), smoke: parsed.data.smoke === true };
    }
    case 'result-file': {
      const json = await readJson(ctx.outFile, 'result file');
      if (!json.ok) return json;
      const parsed = MicrobenchResult.safeParse(json.value);
      if (!parsed.success) return { ok: false, reason: `result file: ${firstIssue(parsed.error)}` };
      return { ok: true, records: parsed.data.results, smoke: parsed.data.smoke };
    }
  }
}
