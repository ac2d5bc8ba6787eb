export interface EventLoopDelayOptions {
  /** How often a sample is reported. Default 500. */
  readonly windowMs?: number;
  /** Period of the probing timer. Default 20. */
  readonly tickMs?: number;
}

/**
 * Reports this process's event loop delay every `windowMs`: the mean lateness of a `tickMs` timer over the window —
 * how long anything ready to run waited for the loop. A timer's own lateness rather than
 * `perf_hooks.monitorEventLoopDelay`: that histogram records nothing close to a long synchronous block (measured
 * here: a 400 ms block left its maximum at 13 ms), exactly the stall that must count. Timers are unref'd. Returns
 * the stop function.
 */
export function watchEventLoopDelay(report: (delayMs: number) => void, { windowMs = 500, tickMs = 20 }: EventLoopDelayOptions = {}): () => void {
  let total = 0;
  let ticks = 0;
  let windowStart = performance.now();
  let expectedAt = windowStart + tickMs;
  let timer: NodeJS.Timeout;
  const tick = () => {
    const at = performance.now();
    total += Math.max(0, at - expectedAt);
    ticks += 1;
    if (at - windowStart >= windowMs) {
      report(total / ticks);
      total = 0;
      ticks = 0;
      windowStart = at;
    }
    expectedAt = at + tickMs;
    timer = setTimeout(tick, tickMs).unref();
  };
  timer = setTimeout(tick, tickMs).unref();
  return () => clearTimeout(timer);
}
