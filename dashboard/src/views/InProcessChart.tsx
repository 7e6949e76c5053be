import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { processorColor } from '../components/colors.ts';
import { logDomain, logTicks } from '../shape/ticks.ts';
import { chartRows, extent, type InProcessGroup, type Metric } from '../shape/inprocess.ts';

/** Powers of ten only once the axis spans more than three decades, so tick labels stay apart. */
function ticksFor([lo, hi]: [number, number]): number[] {
  const all = logTicks(lo, hi);
  return hi / lo > 1e3 ? all.filter((t) => Number.isInteger(Math.log10(t))) : all;
}

/**
 * One function's medians per implementation, grouped by batch size, on a logarithmic axis (the
 * implementations differ by orders of magnitude), with the 95% interval of each median as an
 * error bar.
 */
export function InProcessChart({ group, metric, format, tickFormat = format, testId }: { group: InProcessGroup; metric: Metric; format: (v: number) => string; tickFormat?: (v: number) => string; testId: string }) {
  const [lo, hi] = extent(group, metric);
  const domain = logDomain(lo, hi);
  return (
    <div data-testid={testId}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={chartRows(group, metric)} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="batch" />
          <YAxis scale="log" domain={domain} ticks={ticksFor(domain)} allowDataOverflow tickFormatter={tickFormat} width={84} />
          <Tooltip formatter={(v, name) => [format(Number(v)), String(name)]} />
          <Legend />
          {group.implementations.map((impl) => (
            <Bar key={impl} dataKey={impl} name={impl} fill={processorColor(impl)} isAnimationActive={false}>
              <ErrorBar dataKey={`${impl}__err`} width={5} stroke="#111827" strokeWidth={1.2} />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
