// Which files must exist for a cached build to be reused. The manifest may list them
// (build.outputs); otherwise they are the relative paths in start.command (e.g. "bin/processor",
// "dist/main.js"): what the start command needs is what the build must have produced.
import type { ProcessorManifest } from '../processors/index.ts';

export function buildOutputs(manifest: ProcessorManifest): string[] {
  if (manifest.build.outputs) return manifest.build.outputs;
  return manifest.start.command.filter((part) => part.includes('/') && !part.startsWith('-') && !part.startsWith('/'));
}
