import type { RunView } from '../../../harness/src/serve/api-types.ts';

/** Where a run came from, in one line, plus its notes (e.g. "synthetic run") and warnings. */
export function RunHeader({ run }: { run: RunView }) {
  const m = run.manifest;
  const p = m.provenance;
  const limited = run.measurements.filter((x) => x.driver?.driver_limited).length;
  const failed = run.measurements.filter((x) => x.status !== 'ok').length;
  return (
    <div className="run-header" data-testid="run-header">
      <div>
        <strong className="num">{m.run_id}</strong> · {m.status} · profile {m.profile} · {p.git_branch}@<span className="num">{p.git_sha.slice(0, 7)}</span>
        {p.git_dirty ? ' (dirty)' : ''} · baseline <strong>{m.baseline}</strong> · {m.repetitions} repetitions · {p.cpu_model}, {p.cores} cores
      </div>
      {m.notes.map((n) => (
        <div key={n} className="note">
          {n}
        </div>
      ))}
      {m.status === 'abandoned' ? <div className="warn">The harness that wrote this run is gone (killed or crashed) and the run will never finish: it holds what was written before that.</div> : null}
      {limited ? <div className="warn">{limited} measurement(s) were limited by the load driver: their latency describes the driver, not the processor.</div> : null}
      {failed ? <div className="warn">{failed} measurement(s) failed or were incomplete and are left out of the statistics.</div> : null}
    </div>
  );
}
