import { VIEWS, type View } from '../state/url.ts';

const LABELS: Record<View, string> = {
  overview: 'Overview',
  distribution: 'Latency distribution',
  tail: 'Tail causes',
  latency: 'Latency over time',
  memory: 'Memory over time',
  trends: 'Trends',
  compare: 'Compare',
  load: 'Latency against load',
  claims: 'Claims',
  inprocess: 'In-process',
  tradeoffs: 'Trade-offs',
};

/** Views the single-run HTML report cannot show (they need more than one run, or the micro-benchmark store) are hidden there. */
export const MULTI_RUN_VIEWS: readonly View[] = ['trends', 'compare', 'inprocess'];

export function Nav({ current, onSelect, singleRun }: { current: View; onSelect: (v: View) => void; singleRun: boolean }) {
  return (
    <nav className="nav" aria-label="views">
      {VIEWS.filter((v) => !singleRun || !MULTI_RUN_VIEWS.includes(v)).map((v) => (
        <button key={v} type="button" className={v === current ? 'active' : ''} aria-current={v === current ? 'page' : undefined} data-view={v} onClick={() => onSelect(v)}>
          {LABELS[v]}
        </button>
      ))}
    </nav>
  );
}
