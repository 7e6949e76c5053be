import { apiPaths } from '../../../harness/src/serve/api-paths.ts';
import type { ClaimsResponse, ClaimVerdict } from '../../../harness/src/serve/api-types.ts';
import { useApi } from '../api/useApi.ts';
import { Card } from '../components/Card.tsx';
import { Num } from '../components/Num.tsx';
import { EmptyState, ErrorBox, Loading } from '../components/StateViews.tsx';

const fmt = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(3));

function Interval({ v }: { v: ClaimVerdict }) {
  return <Num>{v.ci_low === null || v.ci_high === null ? '—' : `[${fmt(v.ci_low)} – ${fmt(v.ci_high)}]`}</Num>;
}

/** The decision record's claims and what this run says about each. */
export function ClaimsView({ runId }: { runId: string }) {
  const answer = useApi<ClaimsResponse>(apiPaths.claims(runId));
  if (answer.state === 'loading') return <Loading what="claims" />;
  if (answer.state === 'error') return <ErrorBox error={answer.error} />;
  const data = answer.data;
  if (data.state === 'not-evaluated') {
    return (
      <div className="view" data-testid="view-claims">
        <EmptyState command={`npm run harness -- claims ${runId}`}>{data.hint.replace(/ — .*$/, '')} for this run. Evaluate them with:</EmptyState>
      </div>
    );
  }
  return (
    <div className="view" data-testid="view-claims">
      <Card title={data.title ? `Claims — ${data.title}` : 'Claims'} note="measured value with its 95% interval; supported or refuted only when the whole interval is on one side of the claim">
        <table className="data" data-testid="claims-table">
          <thead>
            <tr>
              <th>claim</th>
              <th>scenario</th>
              <th>measured</th>
              <th>95% interval</th>
              <th>verdict</th>
              <th>n</th>
              <th>why</th>
            </tr>
          </thead>
          <tbody>
            {data.verdicts.map((v, i) => (
              <tr key={`${v.claim_id ?? v.claim}-${v.scenario ?? ''}-${i}`} data-verdict={v.verdict}>
                <td>{v.claim}</td>
                <td>{v.scenario ?? 'all'}</td>
                <td>
                  <Num>{fmt(v.measured)}</Num>
                  {v.unit ? <span className="note"> {v.unit}</span> : null}
                </td>
                <td><Interval v={v} /></td>
                <td className={`verdict ${v.verdict}`}>{v.verdict}</td>
                <td><Num>{v.n ?? '—'}</Num></td>
                <td className="reasons">{(v.reasons ?? []).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
