// A trade-offs run interrupted before it starts measuring: nothing is timed, every figure that
// needed a build or a process says "skipped", the file-based ones are still counted, and the
// result is written as incomplete.
import { describe, expect, it } from 'vitest';
import { tinyRepo } from './fixtures/tiny-repo.ts';
import { runTradeoffs } from './tradeoffs.ts';

describe('runTradeoffs after Ctrl-C', () => {
  it('writes what it has as incomplete and marks the rest skipped', async () => {
    const repo = tinyRepo();
    const interrupt = new AbortController();
    interrupt.abort();
    const { result } = await runTradeoffs({
      repoRoot: repo.root,
      processors: ['tiny'],
      repeat: 2,
      threads: 1,
      idle_settle_ms: 0,
      safety: { threads: 1, rate_per_s: 10, seconds_per_scenario: 0.1, scenarios: ['tiny'] },
      tradeoffsRoot: repo.tradeoffsRoot,
      scenariosDir: repo.scenariosDir,
      signal: interrupt.signal,
    });
    const p = result.processors[0]!;
    expect(result.status).toBe('incomplete');
    expect([p.cold_build, p.incremental_build, p.output, p.idle_rss, p.safety].map((f) => f.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect([p.dependencies.status, p.code.status]).toEqual(['measured', 'measured']);
  });
});
