import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { durationUnitFor, formatDuration } from '../format/duration.ts';
import { processorColor } from '../components/colors.ts';
import { ninesLabel, ninesTicks, type NinesPoint } from '../shape/spectrum.ts';
import { logDomain, logTicks } from '../shape/ticks.ts';

export interface SpectrumLine {
  processor: string;
  which: 'corrected' | 'uncorrected';
  count: number;
  points: NinesPoint[];
}

/** The HdrHistogram percentile plot: nines on x, latency on a log y axis. */
export function SpectrumChart({ lines }: { lines: SpectrumLine[] }) {
  const all = lines.flatMap((l) => l.points);
  const maxX = Math.max(1, ...all.map((p) => p.x));
  const [lo, hi] = logDomain(Math.min(...all.map((p) => p.value_us)), Math.max(...all.map((p) => p.value_us)));
  const unit = durationUnitFor(hi);
  return (
    <ResponsiveContainer width="100%" height={380}>
      <LineChart margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" dataKey="x" domain={[0, maxX]} ticks={ninesTicks(maxX)} tickFormatter={ninesLabel} allowDuplicatedCategory={false} />
        <YAxis type="number" dataKey="value_us" scale="log" domain={[lo, hi]} ticks={logTicks(lo, hi)} tickFormatter={(v: number) => formatDuration(v, unit)} width={80} allowDataOverflow />
        <Tooltip
          labelFormatter={(x) => `p${(100 * (1 - 10 ** -Number(x))).toPrecision(6)}`}
          formatter={(v) => formatDuration(Number(v))}
        />
        <Legend />
        {lines.map((l) => (
          <Line
            key={`${l.processor}-${l.which}`}
            data={l.points}
            dataKey="value_us"
            name={`${l.processor} ${l.which}`}
            stroke={processorColor(l.processor)}
            strokeDasharray={l.which === 'uncorrected' ? '5 4' : undefined}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
            type="stepAfter"
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
