import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticRun, type SyntheticRunOptions } from '../results/synthetic.ts';
import { evaluateClaims } from './evaluate.ts';
import { parseClaims } from './load.ts';
import type { ClaimsFile } from './schema.ts';
import type { RunRecord } from '../results/schema.ts';

const record = (() => {
  const r = parseClaims(JSON.parse(readFileSync(new URL('../../../claims/decision-record.json', import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.file;
})();

const run = (o: Partial<SyntheticRunOptions> = {}) => syntheticRun({ seed: 1, scenarios: ['ingest', 'ingest-large-state'], ...o });

function only(id: string, file: ClaimsFile = record): ClaimsFile {
  return { ...file, claims: file.claims.filter((c) => c.id === id) };
}

describe('the repository claims file', () => {
  it("is valid and declares the decision record's claims, the p99 one on raw and on clean p99", () => {
    expect(record.claims.map((c) => c.id)).toEqual(expect.arrayContaining(['rust-p99-vs-go', 'rust-p99-clean-vs-go', 'rust-memory-vs-go', 'rust-no-gc-pauses', 'go-pauses-in-tail', 'node-pauses-in-tail', 'rust-capacity-per-core']));
    const clean = record.claims.find((c) => c.id === 'rust-p99-clean-vs-go');
    expect(clean).toMatchObject({ kind: 'ratio', metric: 'p99_clean', subject: 'rust', reference: 'go', op: '<=', value: 0.75 });
  });
});

/** Fixed per-repetition p99s (µs) per processor, so verdicts do not hang on the synthetic tail's noise. */
function withP99(r: RunRecord, p99: Record<string, number[]>): RunRecord {
  for (const m of r.measurements) {
    const v = p99[m.processor]?.[m.repetition];
    const phase = m.phases.find((p) => p.phase === 'measure');
    if (v !== undefined && phase) phase.corrected.p99_us = v;
  }
  return r;
}

describe('ratio claims (Rust p99 ≤ 0.75 × Go p99)', () => {
  const go = [1000, 1040, 970];
  it('supported when the whole interval is below 0.75', () => {
    const v = evaluateClaims(withP99(run(), { go, rust: [500, 530, 480] }), only('rust-p99-vs-go'));
    expect(v.map((x) => [x.scenario, x.verdict])).toEqual([['ingest', 'supported'], ['ingest-large-state', 'supported']]);
    expect(v[0]?.measured).toBeCloseTo(0.5, 1);
  });

  it('refuted when the whole interval is above 0.75', () => {
    const v = evaluateClaims(withP99(run(), { go, rust: [900, 960, 880] }), only('rust-p99-vs-go'));
    expect(v.every((x) => x.verdict === 'refuted')).toBe(true);
  });

  it('inconclusive when the interval straddles 0.75', () => {
    const v = evaluateClaims(withP99(run(), { go, rust: [700, 820, 720] }), only('rust-p99-vs-go'));
    expect(v[0]?.verdict).toBe('inconclusive');
    expect(v[0]?.ci_low).toBeLessThan(0.75);
    expect(v[0]?.ci_high).toBeGreaterThan(0.75);
  });

  it('inconclusive with insufficient repetitions, and says why', () => {
    const v = evaluateClaims(withP99(run({ repetitions: 2 }), { go, rust: [500, 530] }), only('rust-p99-vs-go'));
    expect(v[0]?.verdict).toBe('inconclusive');
    expect(v[0]?.measured).toBeNull();
    expect(v[0]?.reasons.join(' ')).toMatch(/at least 3 needed/);
  });

  it('inconclusive for a scenario the run does not have', () => {
    const v = evaluateClaims(syntheticRun({ seed: 1, scenarios: ['ingest'] }), only('rust-p99-vs-go'));
    expect(v[1]).toMatchObject({ scenario: 'ingest-large-state', verdict: 'inconclusive', reasons: ['the run has no scenario "ingest-large-state"'] });
  });

  it('memory: supported at 0.4 × Go, refuted at 0.8 × Go', () => {
    expect(evaluateClaims(run(), only('rust-memory-vs-go')).every((x) => x.verdict === 'supported')).toBe(true);
    expect(evaluateClaims(run({ rss_scale: { rust: 2 } }), only('rust-memory-vs-go')).every((x) => x.verdict === 'refuted')).toBe(true);
  });
});

describe('pause claims', () => {
  it('Rust without a collector and without pauses: supported', () => {
    const [v] = evaluateClaims(run(), only('rust-no-gc-pauses'));
    expect(v).toMatchObject({ verdict: 'supported', measured: 0, ci_low: 0, scenario: null });
    expect(v?.ci_high).toBeGreaterThan(0);
  });

  it('a processor that recorded pauses: refuted', () => {
    const file: ClaimsFile = { ...record, claims: [{ id: 'go-no-pauses', description: 'Go has no GC pauses', kind: 'no_pauses', processor: 'go', scenarios: 'all' }] };
    expect(evaluateClaims(run(), file)[0]?.verdict).toBe('refuted');
  });

  it('no runtime data: inconclusive', () => {
    const r = run();
    for (const m of r.measurements) m.runtime = null;
    expect(evaluateClaims(r, only('rust-no-gc-pauses'))[0]?.verdict).toBe('inconclusive');
  });

  it('Go\'s share of slow requests in a pause (0.25 in synthetic runs) supports ≥ 0.05', () => {
    const v = evaluateClaims(run(), only('go-pauses-in-tail'));
    expect(v[0]).toMatchObject({ verdict: 'supported', measured: 0.25 });
  });

  it('a share of 0 refutes ≥ 0.05', () => {
    const file: ClaimsFile = { ...record, claims: [{ id: 'rust-share', description: 'x', kind: 'pause_share', processor: 'rust', op: '>=', value: 0.05, scenarios: ['ingest'] }] };
    expect(evaluateClaims(run(), file)[0]?.verdict).toBe('refuted');
  });
});

describe('capacity per core', () => {
  it('one run has one capacity measurement: inconclusive, with the point value and a hint to pool runs', () => {
    const [v] = evaluateClaims(run(), only('rust-capacity-per-core'));
    expect(v?.verdict).toBe('inconclusive');
    expect(v?.measured).toBeGreaterThan(1e6);
    expect(v?.reasons.join(' ')).toMatch(/pool runs/);
  });

  it('three runs pooled: supported at ~1.2M events/s per core', () => {
    const runs = [1, 2, 3].map((seed) => run({ seed }));
    expect(evaluateClaims(runs, only('rust-capacity-per-core'))[0]?.verdict).toBe('supported');
  });

  it('divides by the core budget: the same capacity on 2 threads is refuted', () => {
    const runs = [1, 2, 3].map((seed) => run({ seed }));
    for (const r of runs) r.manifest.provenance.threads = 2;
    expect(evaluateClaims(runs, only('rust-capacity-per-core'))[0]?.verdict).toBe('refuted');
  });
});

describe('Holm across the claims file', () => {
  // Rust/Go ratios 0.75·e^(−0.10, −0.15, −0.20): below 0.75 with a two-sided p ≈ 0.035 alone.
  const p99 = { go: [1000, 1000, 1000], rust: [679, 646, 614] };
  const ingestOnly = (): ClaimsFile => {
    const f = only('rust-p99-vs-go');
    return { ...f, claims: f.claims.map((c) => ({ ...c, scenarios: ['ingest'] })) };
  };

  it('supports a claim that is the only test in the file', () => {
    const [v] = evaluateClaims(withP99(run(), p99), ingestOnly());
    expect(v?.verdict).toBe('supported');
    expect(v?.test?.family).toBe(1);
    expect(v?.test?.level).toBeCloseTo(0.05, 12);
  });

  it('holds the same evidence to α/2 when the file tests it twice, and it no longer decides', () => {
    const v = evaluateClaims(withP99(run(), p99), only('rust-p99-vs-go'));
    expect(v.map((x) => x.verdict)).toEqual(['inconclusive', 'inconclusive']);
    expect(v[0]!.test!.p_raw).toBeLessThan(0.05);
    expect(v[0]!.test!.p_adjusted).toBeGreaterThan(0.05);
    expect(v[0]!.reasons[0]).toMatch(/Holm-adjusted over 2/);
  });

  it('prints the interval at the Holm level, wider than the 95% one', () => {
    const v = evaluateClaims(withP99(run(), p99), only('rust-p99-vs-go'));
    const t = v.find((x) => x.test && x.test.level < 0.05)!.test!;
    const plain = v.find((x) => x.test === t)!;
    expect(t.ci_low_adjusted!).toBeLessThan(plain.ci_low!);
    expect(t.ci_high_adjusted!).toBeGreaterThan(plain.ci_high!);
  });

  it('leaves count claims out of the family', () => {
    const v = evaluateClaims(run(), record);
    const tested = v.filter((x) => x.test);
    expect(v.find((x) => x.claim_id === 'rust-no-gc-pauses')?.test).toBeUndefined();
    for (const x of tested) expect(x.test!.family).toBe(tested.length);
  });

  it('pairs the rounds of the two processors and says so', () => {
    const [v] = evaluateClaims(withP99(run(), p99), ingestOnly());
    expect(v?.pairing).toMatchObject({ kind: 'paired', rounds: 3 });
    expect(v?.reasons[1]).toMatch(/3 pair\(s\), paired t on log-ratios/);
  });
});
