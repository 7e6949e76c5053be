/** A labelled select over a short list of names (scenarios, repetitions, histogram kinds). */
export function Picker<T extends string | number>({ label, value, options, onChange, format }: { label: string; value: T; options: readonly T[]; onChange: (v: T) => void; format?: (v: T) => string }) {
  return (
    <label className="picker">
      {label}{' '}
      <select
        value={String(value)}
        onChange={(e) => {
          const hit = options.find((o) => String(o) === e.target.value);
          if (hit !== undefined) onChange(hit);
        }}
      >
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {format ? format(o) : String(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
