import type { EntityManager } from 'typeorm';
import { Conflict } from '@app/common';
import type { TransferEntity } from '@app/db';
import {
  OutboxRepository,
  planJob,
  TransferRepository,
  type PlannedJob,
  type ScanJobData,
  type TransitTimes,
} from '@app/transfer';
import type { CaseEffect, CaseEffectType } from '@app/workflow';
import type { CaseWrite } from './case-writer';
import type { ClockKeeper } from './clocks/clock-keeper';
import type { Custody } from './custody/custody';

/** What an effect handler needs besides the transaction: the event's moment and sender, transit times, the clocks, custody. */
export interface EffectContext {
  /** The moment of the event (its history row's `occurred_at`): clocks start, pause and stop at it. */
  at: Date;
  times: TransitTimes;
  clocks: ClockKeeper;
  custody: Custody;
  /** Who sent the event: a copy checked against its original (原件核验), a parcel sealed, record their account. */
  actor: { id: string };
}

/**
 * Carries out the effects a transition described (stepCase), in order, each by its one handler
 * (EFFECT_HANDLERS), inside the event's transaction `tx`, after its history row: materials handed
 * in, a transfer settled or cancelled, transfer rows and outbox rows that the worker's relay
 * publishes after commit (jobs delayed by the transit time), parcels sealed and lines checked in
 * (Custody), clocks started, paused, resumed, extended or stopped at the event's moment. A handler
 * that throws rolls the whole event back.
 * @throws Conflict (waybill_in_use) from a parcel whose waybill names another one;
 *   (transfer_not_in_transit) a settlement of a transfer not in transit for this case (a late job
 *   for a superseded transfer); (stale_deadline) a deemed acceptance whose acceptance clock is not
 *   the case's running one, due
 */
export async function carryOutEffects(
  tx: CaseWrite,
  caseId: string,
  effects: CaseEffect[],
  context: EffectContext,
): Promise<void> {
  for (const effect of effects) await carryOut(tx, caseId, effect, context);
}

/** Carries out one effect of type `T` through the event's transaction `tx`. */
type EffectHandler<T extends CaseEffectType> = (
  tx: CaseWrite,
  caseId: string,
  effect: CaseEffect<T>,
  context: EffectContext,
) => Promise<void>;

/** One handler per effect type: the compiler refuses an effect without one. */
const EFFECT_HANDLERS: { [T in CaseEffectType]: EffectHandler<T> } = {
  storeMaterials: (tx, caseId, { stage, materials }, { actor, at }) =>
    tx.cases.storeMaterials(caseId, materials, stage, { by: actor.id, at }),
  settleTransfer: async ({ m }, caseId, effect) => {
    const outcome =
      effect.status === 'delivered'
        ? { status: effect.status, deliveredAt: new Date() }
        : { status: effect.status, failureReason: effect.failureReason };
    if (!(await new TransferRepository(m).settle(caseId, effect.transferId, outcome))) {
      throw new Conflict(
        'transfer_not_in_transit',
        `transfer ${effect.transferId} is not in transit for this case`,
        { transferId: effect.transferId },
      );
    }
  },
  checkAcceptanceClockDue: ({ m }, caseId, { clockId }, { clocks, at }) =>
    clocks.checkAcceptanceDue(m, caseId, clockId, at),
  // A withdrawn case's papers stop: a transfer on its way is cancelled (a sealed parcel still
  // carries them, and they are returned at check-in), and it leaves a parcel not yet sealed.
  cancelTransfersInTransit: async ({ m }, caseId, { reason }, { custody }) => {
    await new TransferRepository(m).cancelInTransit(caseId, reason);
    await custody.takeOutOfOpenParcels(m, caseId);
  },
  startTransfer: async (tx, caseId, { channel, waybillNumber, scanDigests, parcelId }, context) => {
    if (channel === 'courier') {
      return context.custody.forwardByCourier(
        tx,
        caseId,
        { waybillNumber, parcelId },
        context.at,
        context.actor.id,
      );
    }
    // By scan the papers stay at the window: a parcel it was packed in goes without it.
    await context.custody.takeOutOfOpenParcels(tx.m, caseId);
    const transfer = await new TransferRepository(tx.m).startInTransit({
      caseId,
      direction: 'forward',
      channel,
      waybillNumber: null,
      scanDigests,
      parcelId: null,
    });
    await insertOutbox(tx.m, planJob('scan', transferJobData(caseId, transfer), context.times));
  },
  recordCheckIn: (tx, caseId, params, { custody }) => custody.recordCheckIn(tx, caseId, params),
  startResultDelivery: async (tx, caseId, { method, waybillNumber }, context) => {
    if (method === 'mail') {
      await context.custody.mailResult(tx, caseId, waybillNumber ?? '', context.at, context.actor.id);
      return;
    }
    const transfer = await new TransferRepository(tx.m).startInTransit({
      caseId,
      direction: 'result',
      channel: method,
      waybillNumber: null,
      scanDigests: null,
      parcelId: null,
    });
    await insertOutbox(
      tx.m,
      planJob('result-delivery', { applicationId: caseId, transferId: transfer.id, method }, context.times),
    );
  },
  startClocks: ({ m }, caseId, { stages, startingEvent }, { clocks, at }) =>
    clocks.start(m, caseId, stages, startingEvent, at),
  stopClocks: async ({ m }, caseId, { stages, outcome }, { clocks, at }) => {
    await clocks.stop(m, caseId, stages, outcome, at);
  },
  pauseClocks: ({ m }, caseId, { stages, cause, reason }, { clocks, at }) =>
    clocks.pause(m, caseId, stages, cause, reason, at),
  resumeClocks: ({ m }, caseId, { stages }, { clocks, at }) => clocks.resume(m, caseId, stages, at),
  extendClock: ({ m }, caseId, { stage, workingDays, reason }, { clocks, at }) =>
    clocks.extend(m, caseId, stage, workingDays, reason, at),
};

function carryOut<T extends CaseEffectType>(
  tx: CaseWrite,
  caseId: string,
  effect: CaseEffect<T>,
  context: EffectContext,
): Promise<void> {
  const handler: EffectHandler<T> = EFFECT_HANDLERS[effect.type];
  return handler(tx, caseId, effect, context);
}

/** A scan job's payload: the case, the transfer, and the scan digests it carries. */
function transferJobData(caseId: string, transfer: Pick<TransferEntity, 'id' | 'scanDigests'>): ScanJobData {
  const data: ScanJobData = { applicationId: caseId, transferId: transfer.id };
  if (transfer.scanDigests) data.scanDigests = transfer.scanDigests;
  return data;
}

/** Writes a planned job to the outbox, published by the worker's relay after commit. */
function insertOutbox(m: EntityManager, job: PlannedJob): Promise<void> {
  return new OutboxRepository(m).add(job);
}
