import { Injectable, Logger } from '@nestjs/common';
import { ClockSweep, ParcelTracking } from '@app/cases';
import { AppConfig } from '@app/common';
import { PeriodicService } from './periodic-task';

/**
 * Runs the clock sweep (ClockSweep: warnings, overdue marks, deemed acceptance) and fails the
 * parcels not delivered in time (ParcelTracking.failOverdue) every CLOCK_SWEEP_EVERY_MS in each
 * worker. A timer of the worker's own rather than a repeatable BullMQ
 * job, so that a flushed Redis cannot stop the law's clocks; several workers sweeping at the same
 * moment is safe by construction (ClockSweep).
 */
@Injectable()
export class ClockSweeper extends PeriodicService {
  private readonly logger = new Logger(ClockSweeper.name);

  constructor(
    private readonly clocks: ClockSweep,
    private readonly parcels: ParcelTracking,
    config: AppConfig,
  ) {
    super(config.CLOCK_SWEEP_EVERY_MS);
  }

  protected async pass(): Promise<void> {
    try {
      const { warned, overdue, deemedAccepted, withdrawn } = await this.clocks.sweep();
      if (warned + overdue + deemedAccepted + withdrawn > 0) {
        this.logger.log(
          `clock sweep: ${warned} warned, ${overdue} overdue, ${deemedAccepted} deemed accepted, ${withdrawn} withdrawn`,
        );
      }
      const overdueParcels = await this.parcels.failOverdue();
      if (overdueParcels > 0)
        this.logger.warn(`clock sweep: ${overdueParcels} parcels not delivered in time`);
    } catch (e) {
      this.logger.error(`clock sweep failed: ${(e as Error).message}`);
    }
  }
}
