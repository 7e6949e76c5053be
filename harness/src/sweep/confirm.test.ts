import { describe, expect, it } from 'vitest';
import type { StepStage } from '../results/sweep-schema.ts';
import { confirmAll, type ConfirmEntry } from './confirm.ts';
import { syntheticStep } from './fixtures/synthetic-steps.ts';
import type { SearchOutcome } from './search.ts';

const search = (lo: number, hi: number): SearchOutcome => ({ steps: [], lo, hi, hi_step: syntheticStep(hi, { p99_clean_us: 1500 }), ended: 'bracketed' });
const OPTIONS = { repetitions: 3, step_downs: 2, resolution: 0.02, aborted: () => false };

/** A processor whose repetitions meet the SLO at or below `holds_per_s`, and miss it above. */
function entry(processor: string, found: SearchOutcome, holds_per_s: number, calls: Array<{ processor: string; rate: number; rep: number }>): ConfirmEntry {
  return {
    processor,
    search: found,
    run: async (rate, rep) => {
      calls.push({ processor, rate, rep });
      return syntheticStep(rate, { p99_clean_us: rate <= holds_per_s ? 800 : 1500 }, 'confirm' as StepStage, rep);
    },
  };
}

describe('confirmAll', () => {
  it('keeps a rate most repetitions meet, interleaving the processors', async () => {
    const calls: Array<{ processor: string; rate: number; rep: number }> = [];
    const out = await confirmAll([entry('go', search(1000, 1020), 1000, calls), entry('rust', search(5000, 5100), 5000, calls)], OPTIONS);
    expect(calls.map((c) => `${c.processor}${c.rep}`)).toEqual(['go0', 'rust0', 'go1', 'rust1', 'go2', 'rust2']);
    expect(out.get('go')).toMatchObject({ search: { lo: 1000, hi: 1020 }, stepped_down_from_per_s: [] });
    expect(out.get('go')!.confirmations).toHaveLength(3);
  });

  it('steps down 1 + 4 × resolution from a rate most repetitions miss, which becomes the upper end', async () => {
    const calls: Array<{ processor: string; rate: number; rep: number }> = [];
    const out = await confirmAll([entry('go', search(13_704, 13_878), 12_000, calls)], OPTIONS);
    const go = out.get('go')!;
    expect(go.stepped_down_from_per_s).toEqual([13_704, 12_689]);
    expect(go.search).toMatchObject({ lo: 11_749, hi: 12_689, ended: 'bracketed' });
    expect(go.search.hi_step!.offered_rate_per_s).toBe(12_689);
    expect(go.confirmations.map((s) => s.offered_rate_per_s)).toEqual([11_749, 11_749, 11_749]);
    expect(go.confirmations.every((s) => s.verdict.sustainable)).toBe(true);
  });

  it('stops stepping down after step_downs, leaving the last rate unconfirmed', async () => {
    const calls: Array<{ processor: string; rate: number; rep: number }> = [];
    const go = (await confirmAll([entry('go', search(1000, 1020), 100, calls)], { ...OPTIONS, step_downs: 1 })).get('go')!;
    expect(go.stepped_down_from_per_s).toEqual([1000]);
    expect(go.search.lo).toBe(926);
    expect(go.confirmations.filter((s) => s.verdict.sustainable)).toHaveLength(0);
    expect(calls).toHaveLength(6);
  });

  it('confirms nothing for a search that found no sustainable rate or failed', async () => {
    const calls: Array<{ processor: string; rate: number; rep: number }> = [];
    const out = await confirmAll([entry('go', { ...search(0, 10), ended: 'floor' }, 0, calls), entry('node', { ...search(500, 510), ended: 'failed' }, 500, calls)], OPTIONS);
    expect(calls).toEqual([]);
    expect(out.size).toBe(0);
  });

  it('does not step down from a crash', async () => {
    const crashing: ConfirmEntry = {
      processor: 'go',
      search: search(1000, 1020),
      run: async (rate, rep) => {
        const s = syntheticStep(rate, { p99_clean_us: 800 }, 'confirm', rep);
        return { ...s, status: 'failed', verdict: { sustainable: false, failed_by: ['error'], reasons: ['the measurement failed'] } };
      },
    };
    const go = (await confirmAll([crashing], OPTIONS)).get('go')!;
    expect(go.stepped_down_from_per_s).toEqual([]);
    expect(go.search.lo).toBe(1000);
  });
});
