// Time remaining in a run: the phases still to run take exactly their planned seconds; each step
// also costs a launch, a preload and a stop, learned from the steps already done (before the first
// one finishes, a guess). Pure, so the progress renderer only formats it.

/** A first guess at one step's overhead (launch + preload + stop) until a step has been timed. */
export const FIRST_GUESS_OVERHEAD_S = 3;

export interface EtaInputs {
  /** Seconds since the first step started. */
  elapsed_steps_s: number;
  /** Planned phase seconds of the steps already done. */
  done_planned_s: number;
  done: number;
  total: number;
  /** Planned phase seconds of the steps not yet done (the current one included). */
  remaining_planned_s: number;
}

export function remainingSeconds(x: EtaInputs): number {
  const overhead = x.done > 0 ? Math.max(0, (x.elapsed_steps_s - x.done_planned_s) / x.done) : FIRST_GUESS_OVERHEAD_S;
  return Math.max(0, x.remaining_planned_s + overhead * (x.total - x.done));
}

/** 75 → "1m15s", 3700 → "1h02m". */
export function formatDuration(s: number): string {
  const t = Math.round(s);
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}
