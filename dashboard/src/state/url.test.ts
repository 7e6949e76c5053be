import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatUrlState, parseUrlState } from './url.ts';

describe('parseUrlState', () => {
  it('gives the defaults for an empty fragment', () => {
    expect(parseUrlState('')).toEqual({ state: DEFAULT_STATE, errors: [] });
  });
  it('reads the view and selection', () => {
    const { state, errors } = parseUrlState('#view=distribution&run=r1&scenario=ingest&which=corrected&rep=2');
    expect(errors).toEqual([]);
    expect(state).toEqual({ view: 'distribution', run: 'r1', scenario: 'ingest', which: 'corrected', rep: 2 });
  });
  it('reports an unknown view and keeps the default', () => {
    const { state, errors } = parseUrlState('#view=nope');
    expect(state.view).toBe('overview');
    expect(errors).toEqual(['unknown view "nope" (one of overview, distribution, tail, latency, memory, trends, compare, load, claims, inprocess, tradeoffs)']);
  });
  it('reports a repetition that is not a number', () => {
    expect(parseUrlState('#rep=-1').errors).toEqual(['repetition "-1" is not a whole number']);
  });
  it('reports unknown parameters', () => {
    expect(parseUrlState('#colour=red').errors).toEqual(['unknown URL parameter "colour"']);
  });
  it('passes run ids through for the API to validate', () => {
    expect(parseUrlState('#run=..%2Fetc').state.run).toBe('../etc');
  });
});

describe('formatUrlState', () => {
  it('round-trips through parseUrlState', () => {
    const state = { view: 'compare' as const, a: 'r1', b: 'r 2', which: 'uncorrected' as const, rep: 1, branch: 'feat/x' };
    expect(parseUrlState(formatUrlState(state)).state).toEqual(state);
  });
  it('keeps the micro-benchmark result of the in-process view', () => {
    const state = { ...DEFAULT_STATE, view: 'inprocess' as const, mb: '20261201T100000Z-abc1234-0001' };
    expect(parseUrlState(formatUrlState(state)).state).toEqual(state);
  });
  it('keeps the sweep and scenario of the latency-against-load view', () => {
    const state = { ...DEFAULT_STATE, view: 'load' as const, sweep: '20261201T135010Z-unknown-a1ed', scenario: 'ingest' };
    expect(parseUrlState(formatUrlState(state)).state).toEqual(state);
  });
  it('leaves defaults out', () => {
    expect(formatUrlState({ ...DEFAULT_STATE, run: 'r1' })).toBe('#view=overview&run=r1');
  });
});
