import type { EntityManager, QueryFailedError } from 'typeorm';
import { Conflict } from '@app/common';
import { OutboxEntity, TransferEntity } from '@app/db';
import { forwardJob, planJob, type PlannedJob, type TransitTimes } from '@app/transfer';
import type { CaseEffect, CaseEvent } from '@app/workflow';
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
export async function recordEventData(
  m: EntityManager,
  applicationId: string,
  event: CaseEvent,
): Promise<void> {
  switch (event.type) {
    case 'TRANSFER_DELIVERED':
    case 'RESULT_DELIVERED':
      return settleTransfer(m, applicationId, event.transferId, {
        status: 'delivered',
        deliveredAt: new Date(),
      });
    case 'TRANSFER_FAILED':
      return settleTransfer(m, applicationId, event.transferId, {
        status: 'failed',
        failureReason: event.reason,
      });
    case 'DEEM_ACCEPTED':
      return checkDeadlineIsCurrent(m, applicationId, event.transferId);
    case 'WITHDRAW':
      // A parcel still on its way belongs to a withdrawn case: the home jurisdiction returns it.
      await m.update(
        TransferEntity,
        { applicationId, status: 'in_transit' },
        { status: 'cancelled', failureReason: 'case withdrawn while in transit' },
      );
      return;
    default:
      return;
  }
}

async function settleTransfer(
  m: EntityManager,
  applicationId: string,
  transferId: string,
  change: Partial<TransferEntity>,
): Promise<void> {
  const result = await m.update(
    TransferEntity,
    { id: transferId, applicationId, status: 'in_transit' },
    change,
  );
  if (!result.affected) {
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
async function checkDeadlineIsCurrent(
  m: EntityManager,
  applicationId: string,
  transferId: string,
): Promise<void> {
  const latest = await m.findOne(TransferEntity, {
    where: { applicationId, direction: 'forward' },
    order: { dispatchedAt: 'DESC' },
    select: { id: true },
  });
  if (latest?.id !== transferId) {
    throw new Conflict(
      'stale_deadline',
      `deadline for transfer ${transferId} is stale: the case has arrived again since`,
      { transferId },
    );
  }
}

/**
 * Carries out the effects a transition described: a transfer row and an outbox row that the
 * worker's relay publishes after commit (job delayed by the transit time).
 */
export async function carryOutEffects(
  m: EntityManager,
  applicationId: string,
  event: CaseEvent,
  effects: CaseEffect[],
  times: TransitTimes,
): Promise<void> {
  for (const effect of effects) {
    if (effect === 'startTransfer' && (event.type === 'FORWARD' || event.type === 'REDISPATCH')) {
      const transfer = await insertTransfer(m, {
        applicationId,
        direction: 'forward',
        channel: event.channel,
        waybillNumber: event.waybillNumber ?? null,
        scanDigests: event.scanDigests ?? null,
      });
      await insertOutbox(
        m,
        planJob(forwardJob(event.channel), transferJobData(applicationId, transfer), times),
      );
    } else if (effect === 'startResultDelivery' && event.type === 'DISPATCH_RESULT') {
      const transfer = await insertTransfer(m, {
        applicationId,
        direction: 'result',
        channel: event.method,
        waybillNumber: event.waybillNumber ?? null,
        scanDigests: null,
      });
      const data = { ...transferJobData(applicationId, transfer), method: event.method };
      await insertOutbox(m, planJob('result-delivery', data, times));
    } else if (effect === 'startAcceptanceClock' && event.type === 'TRANSFER_DELIVERED') {
      await recordAcceptanceDue(m, event.transferId, times.ACCEPTANCE_PERIOD_MS);
      await insertOutbox(m, planJob('deadlines', { applicationId, transferId: event.transferId }, times));
    } else {
      throw new Error(`effect ${effect} has no handler for ${event.type}`);
    }
  }
}

/**
 * Inserts a transfer in transit.
 * @throws Conflict (waybill_in_use) when its waybill names another transfer, as the unique index
 *   transfers_waybill_number_key finds it (also for two requests at once); the caller's whole
 *   transaction is rolled back with it.
 */
async function insertTransfer(m: EntityManager, fields: Partial<TransferEntity>): Promise<TransferEntity> {
  const { waybillNumber } = fields;
  const transfer = m.create(TransferEntity, { ...fields, status: 'in_transit' });
  try {
    await m.insert(TransferEntity, transfer);
  } catch (e) {
    const constraint = (e as QueryFailedError & { driverError?: { constraint?: string } }).driverError
      ?.constraint;
    if (waybillNumber && constraint === 'transfers_waybill_number_key') throw waybillInUse(waybillNumber);
    throw e;
  }
  return transfer;
}

/**
 * Keeps on the arrived transfer the acceptance deadline set now: its arrival plus `periodMs`
 * (ACCEPTANCE_PERIOD_MS as configured at arrival; 行政许可法 art. 32), the moment the deadline job
 * is armed for. Supervision reads it, so a later change of the setting does not move it.
 */
async function recordAcceptanceDue(m: EntityManager, transferId: string, periodMs: number): Promise<void> {
  await m.query(
    `UPDATE transfers SET acceptance_due_at = delivered_at + $2 * interval '1 millisecond' WHERE id = $1`,
    [transferId, periodMs],
  );
}

/** A transfer job's payload: the case, the transfer, and its waybill or scan digests where it has them. */
function transferJobData(
  applicationId: string,
  transfer: Pick<TransferEntity, 'id' | 'waybillNumber' | 'scanDigests'>,
): { applicationId: string; transferId: string; waybillNumber?: string; scanDigests?: string[] } {
  const data: ReturnType<typeof transferJobData> = { applicationId, transferId: transfer.id };
  if (transfer.waybillNumber) data.waybillNumber = transfer.waybillNumber;
  if (transfer.scanDigests) data.scanDigests = transfer.scanDigests;
  return data;
}

/** Writes a planned job to the outbox under its job name (the `queue` column; see OutboxEntity). */
async function insertOutbox(m: EntityManager, job: PlannedJob): Promise<void> {
  const { name, data, delayMs } = job;
  const row = m.create(OutboxEntity, {
    applicationId: data.applicationId,
    queue: name,
    payload: data,
    delayMs,
  });
  await m.insert(OutboxEntity, row);
}
