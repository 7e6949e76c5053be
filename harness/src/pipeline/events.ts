// What the pipeline tells whoever watches it (progress bars, logs, tests). The pipeline emits
// events and never prints: rendering is the CLI's business.
import type { Plan } from '../plan/index.ts';

export type RunEvent =
  | { type: 'run-started'; run_id: string; dir: string; plan: Plan }
  | { type: 'stage'; label: string }
  | { type: 'step'; label: string; done: number; total: number }
  | { type: 'warning'; text: string }
  | { type: 'interrupted' };

export interface RunEvents {
  emit(event: RunEvent): void;
}
