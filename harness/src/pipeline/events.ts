// What the pipeline tells whoever watches it (progress bars, logs, tests). The pipeline emits
// events and never prints: rendering is the CLI's business.
import type { Plan } from '../plan/index.ts';

export type RunEvent =
  | { type: 'run-started'; run_id: string; dir: string; plan: Plan }
  | { type: 'stage'; label: string }
  /** A measurement or capacity step starts (label 'done' at the end); planned seconds are its phases alone. */
  | { type: 'step'; label: string; done: number; total: number; done_planned_s: number; remaining_planned_s: number }
  | { type: 'warning'; text: string }
  | { type: 'interrupted' };

export interface RunEvents {
  emit(event: RunEvent): void;
}
