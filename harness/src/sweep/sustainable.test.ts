import { describe, expect, it } from 'vitest';
import { syntheticStep } from './fixtures/synthetic-steps.ts';
import type { SearchOutcome } from './search.ts';
import { sustainableOf, sustainableWording } from './sustainable.ts';

const hiStep = syntheticStep(10_200, { p99_clean_us: 1400 });
const search: SearchOutcome = { steps: [], lo: 10_000, hi: 10_200, hi_step: hiStep, ended: 'bracketed' };
const confirm = (p99: number, rep: number) => syntheticStep(10_000, { p99_clean_us: p99 }, 'confirm', rep);

describe('sustainableOf', () => {
  it('reports requests and events per second, per core of the budget, and why the rate above failed', () => {
    const s = sustainableOf({ search, confirmations: [confirm(800, 0), confirm(850, 1), confirm(900, 2)], events_per_request: 99, threads: 2, resolution: 0.02 });
    expect(s).toMatchObject({ rate_per_s: 10_000, events_per_s: 990_000, requests_per_s_per_core: 5000, events_per_s_per_core: 495_000, first_unsustainable_rate_per_s: 10_200, next_failed_by: ['latency'], lower_bound: false });
    expect(s.confirmation).toMatchObject({ repetitions: 3, passed: 3, confirmed: true });
    expect(s.confirmation.p99_clean_us.ci_low!).toBeLessThan(850);
    expect(s.confirmation.p99_clean_us.ci_high!).toBeGreaterThan(850);
  });

  it('is not confirmed when most repetitions miss the SLO', () => {
    const s = sustainableOf({ search, confirmations: [confirm(800, 0), confirm(1100, 1), confirm(1200, 2)], events_per_request: 99, threads: 1, resolution: 0.02 });
    expect(s.confirmation).toMatchObject({ passed: 1, confirmed: false });
    expect(sustainableWording(s)).toBe('not confirmed (1 of 3 repetitions met the SLO)');
  });

  it('says which rate the confirmations refused before the one it reports', () => {
    const s = sustainableOf({ search, confirmations: [confirm(800, 0), confirm(850, 1), confirm(1200, 2)], events_per_request: 99, threads: 1, resolution: 0.02, stepped_down_from_per_s: [10_800] });
    expect(s.stepped_down_from_per_s).toEqual([10_800]);
    expect(sustainableWording(s)).toBe('confirmed, after a step down from 10800/s, which most repetitions missed');
  });

  it('reads as "at least" when the driver ended the search', () => {
    const s = sustainableOf({ search: { ...search, ended: 'driver-limited' }, confirmations: [confirm(800, 0)], events_per_request: 99, threads: 1, resolution: 0.02 });
    expect(s.lower_bound).toBe(true);
    expect(sustainableWording(s)).toBe('at least (the driver limited the search)');
  });
});
