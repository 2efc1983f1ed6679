import { Injectable, Logger } from '@nestjs/common';
import { Conflict, type ConflictReason } from '@app/common';
import type { ParcelEntity, ParcelItemEntity } from '@app/db';
import { CourierProvider, ParcelRepository, type TrackingLeg } from '@app/transfer';
import type { CaseEvent } from '@app/workflow';
import { systemActor, type Actor } from '../actor';
import { CaseService } from '../case.service';
import { CaseWriter, type CaseWrite } from '../case-writer';
import { maskName } from '../masking';
import { Custody } from './custody';

/** Conflicts that mean a case of the parcel moved on (withdrawn, checked in early): its line is left as it is. */
const MOVED_ON: ReadonlySet<ConflictReason> = new Set<ConflictReason>([
  'event_not_allowed',
  'transfer_not_in_transit',
  'manual_handling',
]);

/** Parcels failed per sweep transaction. */
const BATCH = 50;

/** What one look at a parcel's carrier did. */
export type TrackingOutcome = 'applied' | 'duplicate';

/**
 * Follows sealed parcels at their carrier (issue 13 item 4) and fails those not delivered in time.
 * Each look is one transaction with the parcel's row locked: the legs the carrier reported are
 * recorded once each (shown on every case's timeline); a delivery sends TRANSFER_DELIVERED to each
 * case of a materials parcel (the officer then checks it in) or RESULT_DELIVERED, with who signed,
 * to a result parcel's case; a loss sends TRANSFER_FAILED to each; otherwise the next look is
 * planned. A case that moved on meanwhile (withdrawn, checked in before the carrier reported) is
 * passed by, inside a savepoint, so its siblings proceed.
 */
@Injectable()
export class ParcelTracking {
  private readonly logger = new Logger(ParcelTracking.name);
  private readonly actor: Actor = systemActor('parcel-tracking');

  constructor(
    private readonly writer: CaseWriter,
    private readonly cases: CaseService,
    private readonly courier: CourierProvider,
    private readonly custody: Custody,
  ) {}

  /**
   * One look at sealed parcel `parcelId`'s carrier as of `now` (the `parcel-tracking` job). The
   * carrier is asked before the parcel's row is locked (a slow carrier never holds up a check-in);
   * what it reported is then recorded in one transaction, if the parcel is still with it.
   * @returns `duplicate` when the parcel is no longer with the carrier (a job delivered twice)
   * @throws Error from the carrier (the job is retried)
   */
  async follow(parcelId: string, now: Date = new Date()): Promise<TrackingOutcome> {
    const seen = await new ParcelRepository(this.writer.manager).find(parcelId);
    const report =
      seen?.status === 'sealed'
        ? await this.courier.track(await this.custody.route(this.writer.manager, seen), now)
        : null;
    return this.writer.write(async (tx) => {
      const parcels = new ParcelRepository(tx.m);
      const parcel = await parcels.find(parcelId, true);
      if (!parcel || parcel.status !== 'sealed' || !report) {
        this.logger.log(
          `parcel ${parcel?.parcelNumber ?? parcelId}: looked at again after it left the carrier`,
        );
        return 'duplicate';
      }
      // Who signed for a mailed result is the applicant's side: kept masked, as outside the case's staff.
      const legs = report.legs.map((leg) =>
        parcel.toKind === 'applicant' && leg.signedBy ? { ...leg, signedBy: maskName(leg.signedBy) } : leg,
      );
      for (const leg of legs) await parcels.recordLeg(parcel.id, leg);
      const last = legs.at(-1);
      if (last?.status === 'delivered') await this.delivered(tx, parcel, last);
      else if (last?.status === 'lost') {
        await this.failed(tx, parcel, `快递丢失：运单 ${parcel.waybillNumber}（${last.location}）`);
      } else await this.custody.planTracking(tx.m, parcel, now, report.nextCheckAt);
      return 'applied';
    });
  }

  /**
   * Fails every sealed parcel whose delivery was due before `now` (COURIER_DELIVERY_WORKING_DAYS):
   * TRANSFER_FAILED for each case still travelling in it, once (rows locked, SKIP LOCKED).
   * @returns how many parcels failed
   */
  async failOverdue(now: Date = new Date()): Promise<number> {
    let failed = 0;
    for (;;) {
      const batch = await this.writer.write(async (tx) => {
        const overdue = await new ParcelRepository(tx.m).overdue(now, BATCH);
        for (const parcel of overdue) {
          await this.failed(tx, parcel, `快递逾期未送达：运单 ${parcel.waybillNumber} 超过寄递时限`);
        }
        return overdue.length;
      });
      failed += batch;
      if (batch < BATCH) return failed;
    }
  }

  /** The carrier delivered `parcel` (`leg`): each travelling case is told, per the parcel's leg. */
  private async delivered(tx: CaseWrite, parcel: ParcelEntity, leg: TrackingLeg): Promise<void> {
    const parcels = new ParcelRepository(tx.m);
    await parcels.markDelivered(parcel.id, leg.at);
    this.logger.log(`parcel ${parcel.parcelNumber} (${parcel.leg}): delivered`);
    if (parcel.leg === 'archive') return;
    for (const line of await this.travelling(tx, parcel)) {
      const event: CaseEvent =
        parcel.leg === 'result'
          ? {
              type: 'RESULT_DELIVERED',
              transferId: line.transferId!,
              ...(leg.signedBy ? { signedBy: leg.signedBy } : {}),
            }
          : { type: 'TRANSFER_DELIVERED', transferId: line.transferId! };
      await this.tell(tx, parcel, line, event, 'delivered');
    }
  }

  /** `parcel` failed for `reason`: its travelling lines fail, and each case's transfer with them. */
  private async failed(tx: CaseWrite, parcel: ParcelEntity, reason: string): Promise<void> {
    const parcels = new ParcelRepository(tx.m);
    await parcels.markFailed(parcel.id, reason);
    for (const line of await this.travelling(tx, parcel)) {
      await parcels.setLine(parcel.id, line.caseId, 'failed');
      if (parcel.leg === 'archive') continue;
      await this.tell(
        tx,
        parcel,
        line,
        { type: 'TRANSFER_FAILED', transferId: line.transferId!, reason },
        'failed',
      );
    }
  }

  private async travelling(tx: CaseWrite, parcel: ParcelEntity): Promise<ParcelItemEntity[]> {
    return (await new ParcelRepository(tx.m).lines(parcel.id)).filter((l) => l.status === 'sealed');
  }

  /**
   * Sends `event` to `line`'s case as the system, with event id `parcel:<id>:<outcome>` (once per
   * case and outcome), inside a savepoint: a case that moved on is passed by, the others proceed.
   */
  private async tell(
    tx: CaseWrite,
    parcel: ParcelEntity,
    line: ParcelItemEntity,
    event: CaseEvent,
    outcome: 'delivered' | 'failed',
  ): Promise<void> {
    await tx.m.query('SAVEPOINT parcel_line');
    try {
      await this.cases.applyWithin(tx, line.caseId, event, this.actor, {
        eventId: `parcel:${parcel.id}:${outcome}`,
      });
      await tx.m.query('RELEASE SAVEPOINT parcel_line');
    } catch (e) {
      if (!(e instanceof Conflict && MOVED_ON.has(e.reason))) throw e;
      await tx.m.query('ROLLBACK TO SAVEPOINT parcel_line');
      this.logger.log(
        `parcel ${parcel.parcelNumber}: ${event.type} not applied to case ${line.caseId} (${e.reason})`,
      );
    }
  }
}
