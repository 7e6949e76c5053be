// Seeded inputs for the micro-benchmarks, shaped like the harness's workloads: event batches over
// a pool of keys and FASTQ bodies of 150-base reads. Seeded so runs compare like for like.

/** mulberry32: a tiny, well-mixed 32-bit PRNG; plenty for benchmark inputs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['reading', 'reading', 'reading', 'heartbeat', 'alert'] as const;

/** A JSON batch of `size` events over `keys` keys; about 1 in 50 elements is invalid. */
export function eventBatch(random: () => number, size: number, keys: number): Buffer {
  const events: unknown[] = [];
  const baseTs = 1764144000000;
  for (let i = 0; i < size; i++) {
    const key = `sensor-${String(Math.floor(random() * keys)).padStart(5, '0')}`;
    const event = {
      key,
      ts: baseTs + Math.floor(random() * 1e6),
      value: Math.round(random() * 10000) / 100,
      kind: KINDS[Math.floor(random() * KINDS.length)]!,
    };
    events.push(random() < 0.02 ? { ...event, ts: -1 } : event);
  }
  return Buffer.from(JSON.stringify(events));
}

/** A FASTQ body of `reads` records of `length` bases (about 1 base in 500 is N). */
export function fastqBody(random: () => number, reads: number, length: number): Buffer {
  const lines: string[] = [];
  for (let r = 0; r < reads; r++) {
    let seq = '';
    let qual = '';
    for (let i = 0; i < length; i++) {
      seq += random() < 0.002 ? 'N' : 'ACGT'[Math.floor(random() * 4)]!;
      qual += String.fromCharCode(33 + 2 + Math.floor(random() * 39));
    }
    lines.push(`@read-${r} sample=bench`, seq, '+', qual);
  }
  return Buffer.from(lines.join('\n') + '\n');
}
