import { Num } from '../components/Num.tsx';
import { formatDuration } from '../format/duration.ts';
import { valueAt } from '../shape/spectrum.ts';
import type { SpectrumLine } from './SpectrumChart.tsx';

const COLUMNS: Array<[string, number]> = [['p50', 50], ['p90', 90], ['p99', 99], ['p99.9', 99.9], ['p99.99', 99.99], ['max', 100]];

export function SpectrumTable({ lines }: { lines: SpectrumLine[] }) {
  return (
    <table className="data" data-testid="spectrum-table">
      <thead>
        <tr>
          <th>processor</th>
          <th>histogram</th>
          <th>requests</th>
          {COLUMNS.map(([label]) => (
            <th key={label}>{label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={`${l.processor}-${l.which}`} data-row={`${l.processor}/${l.which}`}>
            <td>{l.processor}</td>
            <td>{l.which}</td>
            <td><Num>{l.count.toLocaleString('en-US')}</Num></td>
            {COLUMNS.map(([label, p]) => {
              const v = valueAt(l.points, p);
              return (
                <td key={label} data-cell={label}>
                  <Num>{v === undefined ? '—' : formatDuration(v)}</Num>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
