// The native crate's own tests (HTTP parser, schedule, record layout, health flags, stall
// tracking, spin budget, and the stall recorder run as a process) run with `cargo test`; this
// keeps them in `npm test`, whose Rust step covers only processors/rust.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DRIVER_CRATE_DIR } from './build.ts';

describe('latency-driver crate', () => {
  it('passes its cargo unit tests', () => {
    const r = spawnSync('cargo', ['test', '--quiet', '--locked'], { cwd: DRIVER_CRATE_DIR, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 600_000);
});
