import { describe, expect, it } from 'vitest';
import { Turns } from './turns.ts';

describe('Turns', () => {
  it('interleaves two callers that each take one turn after another', async () => {
    const turns = new Turns();
    const order: string[] = [];
    const caller = async (name: string) => {
      for (let i = 0; i < 3; i++) await turns.run(async () => void order.push(`${name}${i}`));
    };
    await Promise.all([caller('a'), caller('b')]);
    expect(order).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
  });

  it('never runs two turns at once, and a failed turn does not block the next', async () => {
    const turns = new Turns();
    let running = 0;
    let most = 0;
    const work = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    };
    const failing = turns.run(async () => {
      throw new Error('boom');
    });
    await Promise.all([turns.run(work), turns.run(work), failing.catch(() => undefined), turns.run(work)]);
    expect(most).toBe(1);
    await expect(failing).rejects.toThrow('boom');
  });
});
