import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../results/synthetic.ts';
import { compareRuns } from './compare.ts';
import { renderMarkdown, renderText } from './render.ts';

describe('compare output', () => {
  it('names the method and the rounds of a paired row, with raw and Holm-adjusted p', () => {
    const text = renderText(compareRuns([syntheticRun({ seed: 1 })], [syntheticRun({ seed: 2 })], { metrics: ['p50'] }));
    expect(text).toContain('paired t on log-ratios, 3 rounds');
    expect(text).toMatch(/p Holm/);
    expect(text).toMatch(/Holm-adjusted over the 6 rows/);
  });

  it('says when and why a comparison is unpaired', () => {
    const md = renderMarkdown(compareRuns([syntheticRun({ seed: 1 }), syntheticRun({ seed: 3 })], [syntheticRun({ seed: 2 })], { metrics: ['p50'] }));
    expect(md).toContain("Welch's t on logs (unpaired)");
    expect(md).toContain('compared unpaired (A has rounds r0, r1, r2 more than once (several runs pooled)');
  });
});
