import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

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

/**
 * A worker service that runs its `pass` at start and every `intervalMs` ms until the worker shuts
 * down (a PeriodicTask: never two passes at once; `pass` handles its own errors).
 */
export abstract class PeriodicService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask;

  protected constructor(intervalMs: number) {
    this.task = new PeriodicTask(() => this.pass(), intervalMs);
  }

  onApplicationBootstrap(): void {
    this.task.start(true);
  }

  /** Stops the ticks and waits for a pass in progress, before the connections close. */
  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; it logs its own failure and never throws. */
  protected abstract pass(): Promise<void>;
}
