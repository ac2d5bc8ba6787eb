/**
 * The time one request may still take, on this process's monotonic clock. Started when the request arrives (time
 * spent queued counts); `release()` when it has been answered, after which it bounds nothing: work that outlives the
 * request (a background loop first started inside it inherits its scope) is not the request's to cut.
 */
export class Deadline {
  private released = false;

  private constructor(
    /** The whole time the request was given. */
    readonly totalMs: number,
    /** `performance.now()` value at which the request's time is up. */
    readonly expiresAt: number,
    private readonly now: () => number,
  ) {}

  /** A deadline `ms` from now. */
  static after(ms: number, now: () => number = () => performance.now()): Deadline {
    return new Deadline(ms, now() + ms, now);
  }

  /** Milliseconds left (≤ 0 once past); `Infinity` once released. */
  remainingMs(): number {
    return this.released ? Infinity : this.expiresAt - this.now();
  }

  get expired(): boolean {
    return this.remainingMs() <= 0;
  }

  release(): void {
    this.released = true;
  }
}
