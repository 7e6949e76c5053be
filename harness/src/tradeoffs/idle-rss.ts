// Resident size at idle: the processor started through the launch stage (THREADS set as for a
// benchmark), its readiness URL answered, a short settle for start-up work that runs right after
// listening (a runtime's background threads, lazy initialisation), then VmRSS from /proc.
import type { ProcessorManifest } from '../processors/index.ts';
import { launchProcessor } from '../launch/index.ts';
import { readProc } from '../sample/proc.ts';

export const IDLE_RSS_RULE = 'VmRSS of the processor process (/proc/<pid>/status), started like a benchmark with THREADS set, read after its readiness URL answered and a settle time; no request sent; median of the repetitions';

export async function idleRssBytes(manifest: ProcessorManifest, opts: { threads: number; settle_ms: number; logDir: string }): Promise<number> {
  const proc = await launchProcessor(manifest, { threads: opts.threads, logDir: opts.logDir });
  try {
    await new Promise((r) => setTimeout(r, opts.settle_ms));
    const reading = await readProc(proc.pid);
    if (!reading) throw new Error(`${manifest.name} exited before its RSS could be read`);
    return reading.rss_bytes;
  } finally {
    await proc.stop();
  }
}
