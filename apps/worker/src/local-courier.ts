import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/common';

/**
 * The local stand-in for a courier company's tracking service: every parcel arrives after the
 * transit time, except those whose waybill matches COURIER_LOST_WAYBILL_PATTERN, which are
 * reported lost. A real carrier's tracking adapter takes its place behind the same method.
 */
@Injectable()
export class LocalCourier {
  private readonly lost: RegExp | null;

  constructor(config: AppConfig) {
    this.lost = config.COURIER_LOST_WAYBILL_PATTERN ? new RegExp(config.COURIER_LOST_WAYBILL_PATTERN) : null;
  }

  /** `'delivered'` or `'lost'` for the parcel with `waybillNumber`, once its transit time has passed. */
  outcome(waybillNumber: string | undefined): 'delivered' | 'lost' {
    return waybillNumber && this.lost?.test(waybillNumber) ? 'lost' : 'delivered';
  }
}
