import type { RunSummary } from '../../../harness/src/store/types.ts';

export function runLabel(r: RunSummary): string {
  return `${r.started_at.slice(0, 16).replace('T', ' ')}  ${r.git_branch}@${r.git_sha.slice(0, 7)}${r.git_dirty ? '+' : ''}  ${r.run_id}`;
}

export function RunPicker({ runs, value, onChange, label = 'run', testId }: { runs: RunSummary[]; value: string; onChange: (id: string) => void; label?: string; testId?: string }) {
  const known = runs.some((r) => r.run_id === value);
  return (
    <label className="picker">
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {known ? null : <option value={value}>{value}</option>}
        {runs.map((r) => (
          <option key={r.run_id} value={r.run_id}>
            {runLabel(r)}
          </option>
        ))}
      </select>
    </label>
  );
}
