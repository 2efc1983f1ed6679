import type { EntityManager } from 'typeorm';
import { Conflict } from '@app/common';
import type { TransferEntity } from '@app/db';
import {
  forwardJob,
  OutboxRepository,
  planJob,
  TransferRepository,
  type NewTransfer,
  type PlannedJob,
  type TransferOutcome,
  type CourierJobData,
  type ScanJobData,
  type TransitTimes,
} from '@app/transfer';
import type { CaseEffect, CaseEffectType, CaseEvent } from '@app/workflow';
import { waybillInUse } from './case-errors';

/**
 * The rows an accepted event writes besides the case and its history, all through the caller's
 * transaction manager `m`: transfer status, and the transfer and outbox rows of its effects.
 */

/**
 * Writes what `event` records of its transfers: the transfer's outcome for TRANSFER_DELIVERED /
 * TRANSFER_FAILED / RESULT_DELIVERED; for DEEM_ACCEPTED, checks that the deadline counts from the
 * latest arrival; WITHDRAW cancels a transfer still in transit.
 * @throws Conflict when a transfer event names a transfer that is not in transit for
 *   this case (a late job for a superseded transfer): the whole event is rolled back.
 */
export async function recordEventData(m: EntityManager, caseId: string, event: CaseEvent): Promise<void> {
  switch (event.type) {
    case 'TRANSFER_DELIVERED':
    case 'RESULT_DELIVERED':
      return settleTransfer(m, caseId, event.transferId, {
        status: 'delivered',
        deliveredAt: new Date(),
      });
    case 'TRANSFER_FAILED':
      return settleTransfer(m, caseId, event.transferId, {
        status: 'failed',
        failureReason: event.reason,
      });
    case 'DEEM_ACCEPTED':
      return checkDeadlineIsCurrent(m, caseId, event.transferId);
    case 'WITHDRAW':
      // A parcel still on its way belongs to a withdrawn case: the home jurisdiction returns it.
      return new TransferRepository(m).cancelInTransit(caseId, 'case withdrawn while in transit');
    default:
      return;
  }
}

async function settleTransfer(
  m: EntityManager,
  caseId: string,
  transferId: string,
  outcome: TransferOutcome,
): Promise<void> {
  if (!(await new TransferRepository(m).settle(caseId, transferId, outcome))) {
    throw new Conflict('transfer_not_in_transit', `transfer ${transferId} is not in transit for this case`, {
      transferId,
    });
  }
}

/**
 * A deemed acceptance counts from one arrival: a deadline armed by an earlier arrival (before a
 * supplement loop) must not deem the later one accepted.
 * @throws Conflict (stale_deadline) when `transferId` is not the case's latest forward transfer
 */
async function checkDeadlineIsCurrent(m: EntityManager, caseId: string, transferId: string): Promise<void> {
  if ((await new TransferRepository(m).latestForwardId(caseId)) !== transferId) {
    throw new Conflict(
      'stale_deadline',
      `deadline for transfer ${transferId} is stale: the case has arrived again since`,
      { transferId },
    );
  }
}

/**
 * Carries out the effects a transition described (stepCase), in order, each by its one handler
 * (EFFECT_HANDLERS): transfer rows and outbox rows that the worker's relay publishes after commit
 * (jobs delayed by the transit time, or the acceptance period for the deadline).
 * @throws Conflict (waybill_in_use) from a transfer whose waybill names another one
 */
export async function carryOutEffects(
  m: EntityManager,
  caseId: string,
  effects: CaseEffect[],
  times: TransitTimes,
): Promise<void> {
  for (const effect of effects) await carryOut(m, caseId, effect, times);
}

/** Carries out one effect of type `T` through the caller's transaction manager `m`. */
type EffectHandler<T extends CaseEffectType> = (
  m: EntityManager,
  caseId: string,
  effect: CaseEffect<T>,
  times: TransitTimes,
) => Promise<void>;

/** One handler per effect type: the compiler refuses an effect without one. */
const EFFECT_HANDLERS: { [T in CaseEffectType]: EffectHandler<T> } = {
  startTransfer: async (m, caseId, { channel, waybillNumber, scanDigests }, times) => {
    const transfer = await insertTransfer(m, {
      caseId,
      direction: 'forward',
      channel,
      waybillNumber,
      scanDigests,
    });
    await insertOutbox(m, planJob(forwardJob(channel), transferJobData(caseId, transfer), times));
  },
  startResultDelivery: async (m, caseId, { method, waybillNumber }, times) => {
    const transfer = await insertTransfer(m, {
      caseId,
      direction: 'result',
      channel: method,
      waybillNumber,
      scanDigests: null,
    });
    const data = { ...transferJobData(caseId, transfer), method };
    await insertOutbox(m, planJob('result-delivery', data, times));
  },
  startAcceptanceClock: async (m, caseId, { transferId }, times) => {
    await recordAcceptanceDue(m, transferId, times.ACCEPTANCE_PERIOD_MS);
    await insertOutbox(m, planJob('deadlines', { applicationId: caseId, transferId }, times));
  },
};

function carryOut<T extends CaseEffectType>(
  m: EntityManager,
  caseId: string,
  effect: CaseEffect<T>,
  times: TransitTimes,
): Promise<void> {
  const handler: EffectHandler<T> = EFFECT_HANDLERS[effect.type];
  return handler(m, caseId, effect, times);
}

/**
 * Inserts a transfer in transit.
 * @throws Conflict (waybill_in_use) when its waybill names another transfer, as the unique index
 *   transfers_waybill_number_key finds it (also for two requests at once); the caller's whole
 *   transaction is rolled back with it.
 */
async function insertTransfer(m: EntityManager, fields: NewTransfer): Promise<TransferEntity> {
  const transfer = await new TransferRepository(m).startInTransit(fields);
  if (!transfer) throw waybillInUse(fields.waybillNumber ?? '');
  return transfer;
}

/**
 * Keeps on the arrived transfer the acceptance deadline set now: its arrival plus `periodMs`
 * (ACCEPTANCE_PERIOD_MS as configured at arrival; 行政许可法 art. 32), the moment the deadline job
 * is armed for. Supervision reads it, so a later change of the setting does not move it.
 */
function recordAcceptanceDue(m: EntityManager, transferId: string, periodMs: number): Promise<void> {
  return new TransferRepository(m).setAcceptanceDue(transferId, periodMs);
}

/** A transfer job's payload: the case, the transfer, and its waybill or scan digests where it has them. */
function transferJobData(
  caseId: string,
  transfer: Pick<TransferEntity, 'id' | 'waybillNumber' | 'scanDigests'>,
): CourierJobData & ScanJobData {
  const data: CourierJobData & ScanJobData = { applicationId: caseId, transferId: transfer.id };
  if (transfer.waybillNumber) data.waybillNumber = transfer.waybillNumber;
  if (transfer.scanDigests) data.scanDigests = transfer.scanDigests;
  return data;
}

/** Writes a planned job to the outbox, published by the worker's relay after commit. */
function insertOutbox(m: EntityManager, job: PlannedJob): Promise<void> {
  return new OutboxRepository(m).add(job);
}
