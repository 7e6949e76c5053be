import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStallLines, StallStreamReader } from './stall-stream.ts';

describe('parseStallLines', () => {
  it('reads the t0 line and one stall per line, leaving a partial line for later', () => {
    const text = 't0_monotonic_ns 1000\n1 200 900\n0 5000 5600\n1 70';
    const p = parseStallLines(text);
    expect(p.t0_monotonic_ns).toBe(1000n);
    expect(p.stalls).toEqual([{ cpu: 1, start_ns: 200, end_ns: 900 }, { cpu: 0, start_ns: 5000, end_ns: 5600 }]);
    expect(text.slice(p.consumed)).toBe('1 70');
  });

  it('names a malformed line', () => {
    expect(() => parseStallLines('stall?\n')).toThrow(/unexpected line "stall\?"/);
  });
});

describe('StallStreamReader', () => {
  it("moves the stalls onto the driver's axis through the two t0s", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stall-stream-'));
    try {
      const file = path.join(dir, 'stalls.txt');
      const reader = new StallStreamReader(file);
      await writeFile(file, 't0_monotonic_ns 5000\n1 100');
      await reader.poll();
      await appendFile(file, ' 700\n');
      await reader.poll();
      // The recorder started 1,000 ns after the driver.
      expect(reader.stallsOnDriverAxis(4000n)).toEqual([{ cpu: 1, start_ns: 1100, end_ns: 1700 }]);
      await reader.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('has nothing to give before the file exists', async () => {
    const reader = new StallStreamReader(path.join(os.tmpdir(), 'no-such-stall-stream'));
    await reader.poll();
    expect(reader.stallsOnDriverAxis(0n)).toEqual([]);
  });
});
