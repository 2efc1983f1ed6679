/**
 * Runs `pass` every `intervalMs` ms, never two at once (a slow pass makes the next tick skip).
 * `stop()` ends the ticks and waits for a pass in progress. `pass` handles its own errors.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** Starts ticking; with `now`, the first pass runs at once. */
  start(now = false): void {
    if (now) void this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.pass();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }
}
