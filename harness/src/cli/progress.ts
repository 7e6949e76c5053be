// Progress on stderr while a run goes: a bar on a terminal, one line per step otherwise (CI
// logs). Data never goes here; the summary goes to stdout.
import cliProgress from 'cli-progress';
import type { RunEvent, RunEvents } from '../pipeline/events.ts';
import { formatDuration, remainingSeconds } from './eta.ts';

export function progressRenderer(stream: NodeJS.WriteStream = process.stderr): RunEvents & { stop(): void } {
  const tty = stream.isTTY === true;
  let bar: cliProgress.SingleBar | undefined;
  const started = Date.now();
  const elapsed = () => formatDuration((Date.now() - started) / 1000);
  let stepsStarted: number | undefined;
  const left = (e: Extract<RunEvent, { type: 'step' }>) => {
    stepsStarted ??= Date.now();
    const s = remainingSeconds({ elapsed_steps_s: (Date.now() - stepsStarted) / 1000, done_planned_s: e.done_planned_s, done: e.done, total: e.total, remaining_planned_s: e.remaining_planned_s });
    return `~${formatDuration(s)} left`;
  };
  const line = (text: string) => {
    if (bar) {
      bar.stop();
      bar = undefined;
    }
    stream.write(`${text}\n`);
  };
  return {
    emit(e: RunEvent) {
      switch (e.type) {
        case 'run-started':
          line(`harness: run ${e.run_id} → ${e.dir}`);
          return;
        case 'stage':
          line(`harness: [${elapsed()}] ${e.label}`);
          return;
        case 'warning':
          line(`harness: ! ${e.text}`);
          return;
        case 'interrupted':
          line('harness: interrupted: stopping processes and writing what was measured (Ctrl-C again to quit at once)');
          return;
        case 'step':
          if (!tty) {
            if (e.label !== 'done') stream.write(`harness: [${elapsed()}, ${left(e)}] ${e.done + 1}/${e.total} ${e.label}\n`);
            return;
          }
          if (!bar) {
            bar = new cliProgress.SingleBar(
              { stream, format: 'harness: [{bar}] {value}/{total} {label} ({elapsed}, {left})', hideCursor: true, clearOnComplete: true },
              cliProgress.Presets.shades_classic,
            );
            bar.start(e.total, e.done, { label: e.label, elapsed: elapsed(), left: left(e) });
          }
          bar.update(e.done, { label: e.label, elapsed: elapsed(), left: left(e) });
          return;
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
