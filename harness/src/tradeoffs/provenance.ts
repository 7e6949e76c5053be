// Where a trade-offs run was measured: commit and machine (no plan: nothing is pinned or loaded).
import os from 'node:os';
import { machineProvenance } from '../pipeline/provenance.ts';
import type { LoadAverage, TradeoffsResult } from '../results/tradeoffs-schema.ts';

/** Where a trade-offs run was measured: the run stage's commit and machine fields. */
export function tradeoffsProvenance(repoRoot: string): TradeoffsResult['provenance'] {
  return machineProvenance(repoRoot);
}

export function loadAverage(): LoadAverage {
  const [m1, m5, m15] = os.loadavg();
  const r = (x: number | undefined) => Math.round((x ?? 0) * 100) / 100;
  return { m1: r(m1), m5: r(m5), m15: r(m15) };
}
