// The shape of `processors/<name>/processor.json` (see processors/README.md, "The manifest").
// The harness learns everything about an implementation from this file, so it is validated
// strictly: a typo in a field name should fail loudly, not silently fall back to a default.
import { z } from 'zod';

const command = z
  .array(z.string().min(1, 'must be a non-empty string'))
  .min(1, 'must name at least the program to run');

const commandSection = z.object({ command }).strict();

/**
 * How `harness microbench` reads a micro-benchmark's results (processors/README.md,
 * "Micro-benchmarks"): `samples-file`: the command writes the samples file
 * (harness/schema/v2/microbench-samples.schema.json) to the path in $MICROBENCH_OUT;
 * `go-test-bench`: its stdout is `go test -bench` text.
 */
export const MICROBENCH_OUTPUTS = ['samples-file', 'go-test-bench'] as const;
export type MicrobenchOutput = (typeof MICROBENCH_OUTPUTS)[number];

const microbenchSection = z
  .object({
    command,
    /** The same benchmarks timed as briefly as possible (`harness microbench --smoke`): checks the path, figures mean nothing. */
    smoke_command: command.optional(),
    /** Absent: the harness cannot read the figures, so it does not run the command (and says so). */
    output: z.enum(MICROBENCH_OUTPUTS).optional(),
  })
  .strict();

export const manifestSchema = z
  .object({
    schema_version: z.literal(1),
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_"'),
    language: z.string().min(1),
    description: z.string().min(1),
    notes: z.string().optional(),
    /** false: left out when no processors are named (`npm run bench`, `verify`, `build`); run it with --processors. Default true. */
    run_by_default: z.boolean().optional(),
    build: z
      .object({
        command,
        inputs: z.array(z.string().min(1)).min(1, 'must list at least one file or folder'),
        /** Files the build produces; a cached build is reused only when they all exist. Defaults to the relative paths in start.command (see build/outputs.ts). */
        outputs: z.array(z.string().min(1)).optional(),
      })
      .strict(),
    start: commandSection,
    readiness: z.string().startsWith('/', 'must be a path starting with "/"'),
    toolchain: commandSection,
    test: commandSection.optional(),
    microbench: microbenchSection.optional(),
  })
  .strict();

export type ManifestFile = z.infer<typeof manifestSchema>;

/** A validated manifest plus where it lives. */
export interface ProcessorManifest extends ManifestFile {
  /** Absolute path of the implementation folder; every command runs with it as working directory. */
  dir: string;
  /** Absolute path of the processor.json it was read from. */
  manifest_path: string;
}
