import { describe, expect, it } from 'vitest';
import { effectiveStatus, UNVERIFIABLE_RUNNING_MS, type Machine } from './liveness.ts';

const started_at = '2026-12-01T10:00:00.000Z';
const t0 = Date.parse(started_at);
const owner = { hostname: 'bench-1', boot_id: 'boot-a', pid: 4242, pid_start_ticks: 777 };
const machine = (over: Partial<Machine> = {}): Machine => ({
  hostname: 'bench-1', boot_id: 'boot-a', startTicks: (pid) => (pid === 4242 ? 777 : undefined), now_ms: t0 + 60_000, ...over,
});

describe('effectiveStatus', () => {
  it('keeps a finished status as written', () => {
    expect(effectiveStatus({ status: 'complete', started_at, owner }, machine())).toBe('complete');
  });

  it('keeps running while the owning process lives', () => {
    expect(effectiveStatus({ status: 'running', started_at, owner }, machine())).toBe('running');
  });

  it('is abandoned when the owning pid is gone (kill -9, crash)', () => {
    expect(effectiveStatus({ status: 'running', started_at, owner }, machine({ startTicks: () => undefined }))).toBe('abandoned');
  });

  it('is abandoned when the pid now belongs to another process', () => {
    expect(effectiveStatus({ status: 'running', started_at, owner }, machine({ startTicks: () => 999 }))).toBe('abandoned');
  });

  it('is abandoned when the machine rebooted since', () => {
    expect(effectiveStatus({ status: 'running', started_at, owner }, machine({ boot_id: 'boot-b' }))).toBe('abandoned');
  });

  it('trusts a run from another host until it is a day old', () => {
    expect(effectiveStatus({ status: 'running', started_at, owner }, machine({ hostname: 'ci-7' }))).toBe('running');
    expect(effectiveStatus({ status: 'running', started_at, owner }, machine({ hostname: 'ci-7', now_ms: t0 + UNVERIFIABLE_RUNNING_MS + 1 }))).toBe('abandoned');
  });

  it('judges a run without an owner (older harness) by its age', () => {
    expect(effectiveStatus({ status: 'running', started_at }, machine())).toBe('running');
    expect(effectiveStatus({ status: 'running', started_at }, machine({ now_ms: t0 + UNVERIFIABLE_RUNNING_MS + 1 }))).toBe('abandoned');
  });
});
