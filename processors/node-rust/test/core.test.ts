// The addon as the Node HTTP layer sees it: loaded the way main.ts loads it, checked against the
// response shapes of the spec and, on the edge cases where serde_json and JSON.parse differ,
// against the TypeScript core byte for byte. `npm run build` must have produced core.node.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAddonCore } from '../../node/src/addon-core.ts';
import type { ProcessorCore } from '../../node/src/core.ts';
import { JsCore } from '../../node/src/js-core.ts';

const ADDON = fileURLToPath(new URL('../core.node', import.meta.url));
const fresh = (): ProcessorCore => loadAddonCore(ADDON).core;
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const event = (key: string, ts: number, value: number, kind = 'reading') => ({ key, ts, value, kind });
const batch = (events: unknown[]): Buffer => utf8(JSON.stringify(events));

describe('the node-rust core addon', () => {
  it('reports node-rust as its impl name', () => {
    expect(loadAddonCore(ADDON).impl).toBe('node-rust');
  });

  it('answers an ingested batch in the spec field order', () => {
    const result = fresh().ingest(batch([event('k1', 10, 11.5), event('k1', 12, 12.5, 'alert'), 7, event('k1', 11, 12)]));
    expect(JSON.stringify(result)).toBe('{"accepted":3,"rejected":1,"errors":[{"index":2,"reason":"type"}]}');
  });

  it('serves a key view in the spec field order and null for an unknown key', () => {
    const core = fresh();
    core.ingest(batch([event('k1', 10, 11.5), event('k1', 12, 12.5, 'alert'), event('k1', 11, 12)]));
    expect(JSON.stringify(core.key('k1'))).toBe(
      '{"key":"k1","count":3,"sum":36,"min":11.5,"max":12.5,"mean":12,"last":12,"last_ts":12,"alerts":1,"window":[11.5,12.5,12],"median":12}',
    );
    expect(core.key('never-seen')).toBeNull();
  });

  it('refuses a body that is not an array with an error and applies nothing', () => {
    const core = fresh();
    const result = core.ingest(utf8('{"key":"a","ts":1,"value":1,"kind":"reading"}'));
    expect(result).toEqual({ error: expect.stringMatching(/./) });
    expect(core.stats()).toEqual({ keys: 0, events: 0, reads: 0 });
  });

  it('checks UTF-8 itself when called without the HTTP layer', () => {
    expect(fresh().ingest(Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]))).toEqual({ error: expect.stringContaining('UTF-8') });
  });

  it('answers FASTQ statistics in the spec field order and counts the reads', () => {
    const core = fresh();
    const result = core.analyzeReads(utf8('@r\nACGTACGTACGTA\n+\nIIIIIIIIIIIII\n'));
    expect(JSON.stringify(result)).toBe(
      '{"reads":1,"bases":13,"gc_bases":6,"n_bases":0,"quality_sum":520,"q20_reads":1,"kmers":3,"distinct_kmers":2,' +
        '"top_kmers":[{"kmer":"ACGTACGTACG","count":2},{"kmer":"GTACGTACGTA","count":1}]}',
    );
    expect(core.stats().reads).toBe(1);
  });

  it('names the record and reason of a malformed FASTQ body and counts nothing', () => {
    const core = fresh();
    const result = core.analyzeReads(utf8('@a\nACGT\n+\nIIII\n@b\nACGT\n'));
    expect(result).toEqual({ error: expect.stringMatching(/./), record: 2, reason: 'truncated' });
    expect(core.stats().reads).toBe(0);
  });

  it('clears keys, events and reads on reset', () => {
    const core = fresh();
    core.ingest(batch([event('a', 1, 1)]));
    core.analyzeReads(utf8('@r\nACGT\n+\nIIII\n'));
    core.reset();
    expect(core.stats()).toEqual({ keys: 0, events: 0, reads: 0 });
  });

  it('keeps the state of each Core apart', () => {
    const [a, b] = [fresh(), fresh()];
    a.ingest(batch([event('a', 1, 1)]));
    expect(b.stats().keys).toBe(0);
  });

  it('reports its own heap, which grows with keys and shrinks on reset', () => {
    const core = fresh();
    const heap = (): number => core.metrics!()['core_heap_bytes'] as number;
    core.ingest(batch(Array.from({ length: 1000 }, (_, i) => event(`key-${i}`, i, i))));
    const grown = heap();
    core.reset();
    expect(grown).toBeGreaterThan(heap());
    expect(core.metrics!()['core_runtime']).toMatch(/^rustc /);
  });

  it('throws a JavaScript error, not a crash, for a body that is not a Buffer', () => {
    expect(() => fresh().ingest('[]' as unknown as Buffer)).toThrow();
  });
});

describe('the node-rust core against the TypeScript core', () => {
  // Inputs on which serde_json is stricter or different than JSON.parse (processors/rust README,
  // "JSON.parse semantics"), where the two cores could most easily part.
  const bodies = [
    '[{"key":"a","ts":1e3,"value":-0,"kind":"alert"},{"key":"a","ts":1.0,"value":0.1,"kind":"reading"}]',
    '[{"key":"a","ts":2,"value":1e400,"kind":"reading"},{"key":"\\ud800","ts":1,"value":1,"kind":"reading"}]',
    '[{"key":"a","key":"b","ts":3,"value":0.2,"kind":"reading","kind":"heartbeat"},{"k\\u0065y":"c","ts":4,"value":0.3,"kind":"reading"}]',
    '[{"key":"a","ts":9007199254740991,"value":123456789012345678901234567890,"kind":"reading"},{"key":"a","ts":9007199254740992,"value":1,"kind":"reading"}]',
    '[null,true,"x",[1,2],{"key":"","ts":1,"value":1,"kind":"reading"},{"key":"a","ts":-1,"value":1,"kind":"reading"}]',
    '[{"key":"a","ts":1,"value":1,"kind":"reading"}] x',
  ];

  it('answers every edge-case batch and the keys it touched with the same bytes', () => {
    const [rust, js] = [fresh(), new JsCore()];
    for (const body of bodies) {
      const [fromRust, fromJs] = [rust.ingest(utf8(body)), js.ingest(utf8(body))];
      // Whole-batch error messages are free text (the spec compares them as non-empty strings).
      if ('error' in fromJs) expect(fromRust).toEqual({ error: expect.stringMatching(/./) });
      else expect(JSON.stringify(fromRust)).toBe(JSON.stringify(fromJs));
    }
    for (const key of ['a', 'b', 'c']) expect(JSON.stringify(rust.key(key))).toBe(JSON.stringify(js.key(key)));
    expect(rust.stats()).toEqual(js.stats());
  });
});
