// Polls the manifest's readiness URL until it answers 200, the process exits, or time runs out.
import { get } from 'node:http';

function probe(url: string): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const req = get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolveProbe(res.statusCode === 200));
      res.on('error', () => resolveProbe(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolveProbe(false));
  });
}

export type ReadyOutcome = 'ready' | 'exited' | 'timeout';

export async function waitUntilReady(url: string, hasExited: () => boolean, timeoutMs: number): Promise<ReadyOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited()) return 'exited';
    if (await probe(url)) return 'ready';
    if (hasExited()) return 'exited';
    if (Date.now() >= deadline) return 'timeout';
    await new Promise((r) => setTimeout(r, 50));
  }
}
