import { createHash } from 'node:crypto';
import type { ParcelLeg } from '@app/db';
import type { TrackingLeg } from '../parcels/parcel.repository';
import { CourierProvider, type ParcelOnRoute, type TrackingReport } from './courier-provider';

/** How the simulated carrier behaves (AppConfig: COURIER_TRANSIT_MS, COURIER_LOSS_RATE, COURIER_SEED, COURIER_LOST_WAYBILL_PATTERN). */
export interface SimulatedCourierSettings {
  /** Mean wall-clock transit time of each leg, ms; each parcel takes 85–115 % of it. */
  transitMs: Readonly<Record<ParcelLeg, number>>;
  /** Share of parcels lost in transit, 0–1. */
  lossRate: number;
  /** Seeds every draw: the same seed and waybill give the same legs at the same times. */
  seed: string;
  /** Waybills matching it are always lost (a demo's or a test's chosen loss); null: none. */
  lostWaybillPattern: RegExp | null;
}

/** Where each leg happens, as a share of the transit time. */
const DELIVERED_PLAN: readonly {
  status: TrackingLeg['status'];
  share: number;
  where: 'from' | 'hub' | 'to';
}[] = [
  { status: 'collected', share: 0.05, where: 'from' },
  { status: 'inTransit', share: 0.3, where: 'hub' },
  { status: 'outForDelivery', share: 0.8, where: 'to' },
  { status: 'delivered', share: 1, where: 'to' },
];
const LOST_PLAN: typeof DELIVERED_PLAN = [
  { status: 'collected', share: 0.05, where: 'from' },
  { status: 'inTransit', share: 0.3, where: 'hub' },
  { status: 'lost', share: 0.6, where: 'hub' },
];

/**
 * The carrier used unless a real one is plugged in (CourierProvider): reproducible from a seed, so a
 * demo or a test run twice sees the same parcels lost and the same leg times. Each parcel's draws
 * are SHA-256 of `seed|waybill|n`, read as numbers in [0, 1).
 */
export class SimulatedCourier extends CourierProvider {
  readonly carrier = '模拟快递（SIM）';

  constructor(private readonly settings: SimulatedCourierSettings) {
    super();
  }

  /** The legs of `parcel` due by `now` and when the next is due (see CourierProvider.track). */
  track(parcel: ParcelOnRoute, now: Date): Promise<TrackingReport> {
    const lost =
      this.settings.lostWaybillPattern?.test(parcel.waybillNumber) === true ||
      this.draw(parcel.waybillNumber, 0) < this.settings.lossRate;
    const transitMs = this.settings.transitMs[parcel.leg] * (0.85 + 0.3 * this.draw(parcel.waybillNumber, 1));
    const place = { from: parcel.from, hub: '转运中心', to: parcel.to };
    const planned = (lost ? LOST_PLAN : DELIVERED_PLAN).map((step) => ({
      status: step.status,
      at: new Date(parcel.sealedAt.getTime() + Math.round(transitMs * step.share)),
      location: place[step.where],
      signedBy: step.status === 'delivered' ? parcel.recipient : null,
    }));
    const legs = planned.filter((leg) => leg.at <= now);
    const next = planned.find((leg) => leg.at > now);
    return Promise.resolve({ legs, nextCheckAt: next?.at ?? null });
  }

  /** The `n`-th draw for `waybill`, in [0, 1). */
  private draw(waybill: string, n: number): number {
    const digest = createHash('sha256').update(`${this.settings.seed}|${waybill}|${n}`).digest();
    return digest.readUInt32BE(0) / 2 ** 32;
  }
}
