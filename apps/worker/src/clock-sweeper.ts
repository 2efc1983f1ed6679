import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ClockSweep } from '@app/cases';
import { AppConfig } from '@app/common';
import { PeriodicTask } from './periodic-task';

/**
 * Runs the clock sweep (ClockSweep: warnings, overdue marks, deemed acceptance) every
 * CLOCK_SWEEP_EVERY_MS in each worker. A timer of the worker's own rather than a repeatable BullMQ
 * job, so that a flushed Redis cannot stop the law's clocks; several workers sweeping at the same
 * moment is safe by construction (ClockSweep).
 */
@Injectable()
export class ClockSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ClockSweeper.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly clocks: ClockSweep,
    config: AppConfig,
  ) {
    this.task = new PeriodicTask(() => this.pass(), config.CLOCK_SWEEP_EVERY_MS);
  }

  onApplicationBootstrap(): void {
    this.task.start(true);
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  private async pass(): Promise<void> {
    try {
      const { warned, overdue, deemedAccepted, withdrawn } = await this.clocks.sweep();
      if (warned + overdue + deemedAccepted + withdrawn > 0) {
        this.logger.log(
          `clock sweep: ${warned} warned, ${overdue} overdue, ${deemedAccepted} deemed accepted, ${withdrawn} withdrawn`,
        );
      }
    } catch (e) {
      this.logger.error(`clock sweep failed: ${(e as Error).message}`);
    }
  }
}
