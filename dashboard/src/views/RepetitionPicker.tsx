import { Picker } from '../components/Picker.tsx';

export function RepetitionPicker({ reps, value, onChange }: { reps: number[]; value: number; onChange: (rep: number) => void }) {
  if (reps.length <= 1) return null;
  return <Picker label="repetition" value={value} options={reps} onChange={onChange} />;
}
