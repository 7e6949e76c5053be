// One measurement at a time, in turns: the processors' searches run concurrently as far as
// deciding what to measure next, but each measurement waits its turn in a FIFO, so the steps of
// the curves and bisections interleave (go, node, rust, go, …) and the machine's drift over the
// sweep hits every processor alike, as a run's interleaved repetitions do.
export class Turns {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `work` after every earlier caller's, and before every later one's. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
