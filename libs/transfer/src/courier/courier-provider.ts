import type { ParcelLeg } from '@app/db';
import type { TrackingLeg } from '../parcels/parcel.repository';

/** What a carrier is asked about a parcel: its waybill, when it was handed over, from where to where. */
export interface ParcelOnRoute {
  /** Papers to the home jurisdiction, the result to the applicant, or originals to the archive. */
  leg: ParcelLeg;
  waybillNumber: string;
  /** When the sender sealed it and the carrier collected it. */
  sealedAt: Date;
  /** Where it leaves from and goes to, as the carrier's tracking would name them (城市/单位). */
  from: string;
  to: string;
  /** Who signs for it at delivery, as the manifest names them (收件单位 or the recipient). */
  recipient: string;
}

/** A carrier's answer: the legs reported up to the moment asked, and when to ask again. */
export interface TrackingReport {
  /** Oldest first; the last may be `delivered` or `lost`, after which nothing follows. */
  legs: TrackingLeg[];
  /** When a further leg may be reported; null once the last leg is final (delivered, lost). */
  nextCheckAt: Date | null;
}

/**
 * A courier company's tracking service (物流轨迹查询), behind which the simulated carrier runs by
 * default and a real carrier's API can be plugged in (provide another class for `CourierProvider`
 * in libs/cases `CasesModule`, which the api and the worker both import). Implementations must answer the same legs for the same
 * parcel and moment, so a retried tracking job records each leg once.
 */
export abstract class CourierProvider {
  /** The carrier's name as the manifest prints it (承运商). */
  abstract readonly carrier: string;

  /**
   * The tracking legs of `parcel` reported up to `now`.
   * @throws Error when the carrier cannot be reached (the tracking job is retried)
   */
  abstract track(parcel: ParcelOnRoute, now: Date): Promise<TrackingReport>;
}
