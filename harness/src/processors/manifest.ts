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

/** A path relative to the implementation folder (it may leave it: "../rust/src"). */
const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/'), 'must be relative to the implementation folder');

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const environment = z.record(z.string(), z.string()).superRefine((env, ctx) => {
  for (const name of Object.keys(env)) {
    if (!ENV_NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" must be an environment variable name` });
  }
});

/** A JavaScript regular expression source, checked to compile. */
const pattern = z
  .string()
  .min(1)
  .refine((p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');

/** Where a processor's third-party dependencies are recorded, one entry per package manager. */
const dependencySource = z.discriminatedUnion('ecosystem', [
  /** go.mod's require blocks (since Go 1.17 they list every module the build uses; `// indirect` marks the transitive ones). */
  z.object({ ecosystem: z.literal('go'), go_mod: relativePath }).strict(),
  /** Cargo.lock's graph from `package`, through the normal and build dependencies its Cargo.toml declares. */
  z.object({ ecosystem: z.literal('cargo'), lock: relativePath, cargo_toml: relativePath, package: z.string().min(1) }).strict(),
  /** package-lock.json (v2/v3) from the workspace folder `workspace` (relative to the lock file's folder), through dependencies and optionalDependencies. */
  z.object({ ecosystem: z.literal('npm'), lock: relativePath, workspace: z.string() }).strict(),
  /** Installed Debian packages (dpkg status) the build uses, closed over Depends, minus what `toolchain` already pulls in. */
  z
    .object({
      ecosystem: z.literal('debian'),
      packages: z.array(z.string().min(1)).min(1, 'must list at least one package'),
      toolchain: z.array(z.string().min(1)).min(1, 'must name the compiler package(s), e.g. ["g++"]'),
    })
    .strict(),
]);

/** The checker a language brings for what its compiler cannot rule out (data races, memory errors, overflow). */
const safetySection = z.union([
  z
    .object({
      /** What it is, for the table: "Go race detector (go build -race)". */
      tool: z.string().min(1),
      /** Builds the checked variant; its outputs must not replace the release build's. */
      build: commandSection,
      /** Starts the checked variant (as start.command: relative paths are the folder's). */
      start: commandSection,
      /** Extra environment for the checked process (e.g. ASAN_OPTIONS). */
      env: environment.optional(),
      /** A line of the process's output that matches is one finding. */
      finding_pattern: pattern,
    })
    .strict(),
  /** No checker is run for this implementation, and why: shown in the table instead of a count. */
  z.object({ none: z.string().min(1) }).strict(),
]);

/** What `harness tradeoffs` needs to measure the costs besides latency (processors/README.md, "The manifest"). */
const tradeoffsSection = z
  .object({
    /** Run before each cold build: removes what earlier builds left in place (outputs, caches). */
    clean: command.optional(),
    /** Environment of every timed build; "{scratch}" is a fresh empty folder per repetition (e.g. GOCACHE, CARGO_TARGET_DIR). */
    build_env: environment.optional(),
    /** The source file given a one-line content change for the incremental rebuild. */
    touch: relativePath,
    /**
     * The line appended to the touched file, "{nonce}" replaced by a fresh value each time. Make it
     * change the compiled code (an unused constant), not only a comment: a toolchain that sees
     * an identical object skips the link (Go does). Default: a // comment.
     */
    touch_line: z
      .string()
      .min(1)
      .refine((l) => l.includes('{nonce}') && !l.includes('\n'), 'must be one line holding "{nonce}"')
      .optional(),
    /** Files and folders whose bytes are the build output; default: build.outputs, else the start command's relative paths. */
    artifacts: z.array(relativePath).min(1).optional(),
    /** The processor's own code: files, folders or globs to count, and globs to leave out (tests, benches). */
    code: z.object({ include: z.array(relativePath).min(1), exclude: z.array(relativePath).optional() }).strict(),
    /** Every place its third-party dependencies are recorded; an empty list means it has none to record. */
    dependencies: z.array(dependencySource),
    safety: safetySection,
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
    /** Optional: what `harness tradeoffs` measures besides build and start (without it, only those). */
    tradeoffs: tradeoffsSection.optional(),
  })
  .strict();

export type ManifestFile = z.infer<typeof manifestSchema>;
export type TradeoffsSection = z.infer<typeof tradeoffsSection>;
export type DependencySource = z.infer<typeof dependencySource>;
export type SafetySection = z.infer<typeof safetySection>;

/** A validated manifest plus where it lives. */
export interface ProcessorManifest extends ManifestFile {
  /** Absolute path of the implementation folder; every command runs with it as working directory. */
  dir: string;
  /** Absolute path of the processor.json it was read from. */
  manifest_path: string;
}
