import { BAND_KINDS, type BandKind } from '../shape/bands.ts';
import { BAND_COLORS } from './BandLanesLayer.tsx';

export type ShownBands = Record<BandKind, boolean>;

export const ALL_BANDS: ShownBands = { stall_processor_cpu: true, stall_driver_cpu: true, gc: true };

/** The bands' legend: one switch per kind, with how many bands of that kind the chart holds. */
export function BandToggles({ shown, counts, onChange }: { shown: ShownBands; counts: Record<BandKind, number>; onChange: (s: ShownBands) => void }) {
  return (
    <div className="band-toggles" data-testid="band-toggles">
      {(Object.keys(BAND_KINDS) as BandKind[]).map((kind) => (
        <label key={kind} data-kind={kind}>
          <input type="checkbox" checked={shown[kind]} onChange={(e) => onChange({ ...shown, [kind]: e.target.checked })} />
          <span className="swatch" style={{ background: BAND_COLORS[kind] }} />
          {BAND_KINDS[kind]} (<span className="num">{counts[kind]}</span>)
        </label>
      ))}
    </div>
  );
}
