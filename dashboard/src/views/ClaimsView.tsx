import { apiPaths } from '../../../harness/src/serve/api-paths.ts';
import type { ClaimsResponse } from '../../../harness/src/serve/api-types.ts';
import { useApi } from '../api/useApi.ts';
import { Card } from '../components/Card.tsx';
import { Num } from '../components/Num.tsx';
import { EmptyState, ErrorBox, Loading } from '../components/StateViews.tsx';

const fmt = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(3));

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
      <Card title="Claims" note="measured value with its 95% interval; a claim is supported or refuted only when the whole interval is on one side">
        <table className="data" data-testid="claims-table">
          <thead>
            <tr>
              <th>claim</th>
              <th>measured</th>
              <th>95% interval</th>
              <th>verdict</th>
            </tr>
          </thead>
          <tbody>
            {data.verdicts.map((v) => (
              <tr key={v.claim} data-verdict={v.verdict}>
                <td>{v.claim}</td>
                <td><Num>{fmt(v.measured)}</Num></td>
                <td><Num>[{fmt(v.ci_low)} – {fmt(v.ci_high)}]</Num></td>
                <td className={`verdict ${v.verdict}`}>{v.verdict}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
