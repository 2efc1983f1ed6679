import type { EntityManager } from 'typeorm';
import { Conflict } from '@app/common';
import { auditHash, CaseEventEntity, MaterialEntity, type TransferEntity, type AuditRow } from '@app/db';
import {
  forwardJob,
  OutboxRepository,
  planJob,
  TransferRepository,
  type NewTransfer,
  type PlannedJob,
  type TransferOutcome,
  type TransitTimes,
} from '@app/transfer';
import type { CaseEffect, CaseEffectType, CaseEvent, MaterialIn } from '@app/workflow';
import type { CaseScope } from './actor';
import { waybillInUse } from './case-errors';
import { scopeCondition } from './case-scope';
import { scansToForward } from './scan.service';

/**
 * The rows an accepted event writes besides the case itself, all through the caller's transaction
 * manager `m`: the audit row, materials, transfer status, and the outbox rows of its effects.
 */

/** A case as a transition needs it: its row, its last audit hash, and whether an event id was seen. */
export interface LoadedCase {
  id: string;
  caseNumber: string;
  state: string;
  snapshot: unknown;
  version: number;
  lastHash: string | null;
  /** True when `eventId` was applied to this case before (a job delivered twice). */
  seen: boolean;
}

/**
 * Loads case `applicationId`, when it lies in `scope`, with its last audit hash and, for a job,
 * whether `eventId` was applied before: one statement where there were three
 * (docs/PERFORMANCE.md P1). Null when unknown or out of scope (the caller answers 404 for both).
 */
export async function loadCase(
  m: EntityManager,
  applicationId: string,
  scope: CaseScope,
  eventId?: string,
): Promise<LoadedCase | null> {
  const inScope = scopeCondition(scope, 'a');
  const [sql, params] = m.connection.driver.escapeQueryWithParameters(
    `SELECT a.id, a.case_number, a.state, a.snapshot, a.version,
              (SELECT e.hash FROM case_events e WHERE e.application_id = a.id ORDER BY e.seq DESC LIMIT 1) AS last_hash,
              EXISTS (SELECT 1 FROM case_events e WHERE e.application_id = a.id AND e.event_id = :eventId) AS seen
         FROM applications a WHERE a.id = :applicationId AND ${inScope.sql}`,
    { ...inScope.params, applicationId, eventId: eventId ?? null },
    {},
  );
  const rows: (Omit<LoadedCase, 'caseNumber' | 'lastHash'> & {
    case_number: string;
    last_hash: string | null;
  })[] = await m.query(sql, params);
  const [row] = rows;
  if (!row) return null;
  const { case_number, last_hash, ...rest } = row;
  return { ...rest, caseNumber: case_number, lastHash: last_hash };
}

/**
 * Moves the case from `fromVersion` to the next version with `state` and `snapshot`, and appends
 * `audit` (already chained to the previous hash, signed here under `auditKey`, AUDIT_KEY) in the
 * same statement: the audit row is written only when the versioned UPDATE matched. False when the
 * case changed meanwhile.
 */
export async function writeTransition(
  m: EntityManager,
  change: { id: string; fromVersion: number; state: string; snapshot: unknown; audit: AuditRow },
  auditKey: Buffer,
): Promise<boolean> {
  const { audit } = change;
  const inserted: unknown[] = await m.query(
    `WITH moved AS (
       UPDATE applications SET state = $3, snapshot = $4, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id)
     INSERT INTO case_events (application_id, seq, event_id, type, from_state, to_state, actor_role, actor_id,
                              payload, occurred_at, prev_hash, hash, hash_scheme)
     SELECT moved.id, $5, $6, $7, $8, $3, $9, $10, $11, $12, $13, $14, 'hmac-sha256' FROM moved RETURNING id`,
    [
      change.id,
      change.fromVersion,
      change.state,
      change.snapshot,
      audit.seq,
      audit.eventId,
      audit.type,
      audit.fromState,
      audit.actorRole,
      audit.actorId,
      audit.payload,
      audit.occurredAt,
      audit.prevHash,
      auditHash(audit, auditKey),
    ],
  );
  return inserted.length === 1;
}

/**
 * Inserts a new case's first audit row (`RECEIVE`): the start of its chain, with no previous hash,
 * signed under `auditKey` (AUDIT_KEY).
 */
export async function insertFirstAuditRow(
  m: EntityManager,
  row: Omit<AuditRow, 'prevHash' | 'seq'>,
  auditKey: Buffer,
): Promise<void> {
  const first: AuditRow = { ...row, seq: 1, prevHash: null };
  await m.insert(
    CaseEventEntity,
    m.create(CaseEventEntity, { ...first, hash: auditHash(first, auditKey), hashScheme: 'hmac-sha256' }),
  );
}

/** Stores the materials handed in at `stage` (receive, resubmit, supplement). */
export async function storeMaterials(
  m: EntityManager,
  applicationId: string,
  materials: MaterialIn[],
  stage: 'receive' | 'resubmit' | 'supplement',
): Promise<void> {
  if (materials.length === 0) return;
  await m.insert(
    MaterialEntity,
    materials.map((x) => ({ applicationId, name: x.name, form: x.form, pages: x.pages ?? null, stage })),
  );
}

/**
 * `event` completed from the case's stored rows before it is recorded: a transfer by scan carries
 * scans uploaded for the case, those the clerk named or else all of them (scansToForward), so the
 * audit row and the transfer name the pages that travel. Other events are returned as they are.
 * @throws Conflict (409 scans_not_uploaded / materials_not_scanned) from scansToForward
 */
export async function completeEvent(
  m: EntityManager,
  applicationId: string,
  event: CaseEvent,
): Promise<CaseEvent> {
  if ((event.type === 'FORWARD' || event.type === 'REDISPATCH') && event.channel === 'scan') {
    return { ...event, scanDigests: await scansToForward(m, applicationId, event.scanDigests) };
  }
  return event;
}

/**
 * Writes what `event` itself records: materials for RESUBMIT / SUPPLEMENT_RECEIVED; the transfer's
 * outcome for TRANSFER_DELIVERED / TRANSFER_FAILED / RESULT_DELIVERED; for DEEM_ACCEPTED, checks
 * that the deadline counts from the latest arrival; WITHDRAW cancels a transfer still in transit.
 * @throws Conflict when a transfer event names a transfer that is not in transit for
 *   this case (a late job for a superseded transfer): the whole event is rolled back.
 */
export async function recordEventData(
  m: EntityManager,
  applicationId: string,
  event: CaseEvent,
): Promise<void> {
  switch (event.type) {
    case 'RESUBMIT':
      return storeMaterials(m, applicationId, event.materials, 'resubmit');
    case 'SUPPLEMENT_RECEIVED':
      return storeMaterials(m, applicationId, event.materials, 'supplement');
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
      return new TransferRepository(m).cancelInTransit(applicationId, 'case withdrawn while in transit');
    default:
      return;
  }
}

async function settleTransfer(
  m: EntityManager,
  applicationId: string,
  transferId: string,
  outcome: TransferOutcome,
): Promise<void> {
  if (!(await new TransferRepository(m).settle(applicationId, transferId, outcome))) {
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
  if ((await new TransferRepository(m).latestForwardId(applicationId)) !== transferId) {
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
  applicationId: string,
  effects: CaseEffect[],
  times: TransitTimes,
): Promise<void> {
  for (const effect of effects) await carryOut(m, applicationId, effect, times);
}

/** Carries out one effect of type `T` through the caller's transaction manager `m`. */
type EffectHandler<T extends CaseEffectType> = (
  m: EntityManager,
  applicationId: string,
  effect: CaseEffect<T>,
  times: TransitTimes,
) => Promise<void>;

/** One handler per effect type: the compiler refuses an effect without one. */
const EFFECT_HANDLERS: { [T in CaseEffectType]: EffectHandler<T> } = {
  startTransfer: async (m, applicationId, { channel, waybillNumber, scanDigests }, times) => {
    const transfer = await insertTransfer(m, {
      applicationId,
      direction: 'forward',
      channel,
      waybillNumber,
      scanDigests,
    });
    await insertOutbox(m, planJob(forwardJob(channel), transferJobData(applicationId, transfer), times));
  },
  startResultDelivery: async (m, applicationId, { method, waybillNumber }, times) => {
    const transfer = await insertTransfer(m, {
      applicationId,
      direction: 'result',
      channel: method,
      waybillNumber,
      scanDigests: null,
    });
    const data = { ...transferJobData(applicationId, transfer), method };
    await insertOutbox(m, planJob('result-delivery', data, times));
  },
  startAcceptanceClock: async (m, applicationId, { transferId }, times) => {
    await recordAcceptanceDue(m, transferId, times.ACCEPTANCE_PERIOD_MS);
    await insertOutbox(m, planJob('deadlines', { applicationId, transferId }, times));
  },
};

function carryOut<T extends CaseEffectType>(
  m: EntityManager,
  applicationId: string,
  effect: CaseEffect<T>,
  times: TransitTimes,
): Promise<void> {
  const handler: EffectHandler<T> = EFFECT_HANDLERS[effect.type];
  return handler(m, applicationId, effect, times);
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
  applicationId: string,
  transfer: Pick<TransferEntity, 'id' | 'waybillNumber' | 'scanDigests'>,
): { applicationId: string; transferId: string; waybillNumber?: string; scanDigests?: string[] } {
  const data: ReturnType<typeof transferJobData> = { applicationId, transferId: transfer.id };
  if (transfer.waybillNumber) data.waybillNumber = transfer.waybillNumber;
  if (transfer.scanDigests) data.scanDigests = transfer.scanDigests;
  return data;
}

/** Writes a planned job to the outbox, published by the worker's relay after commit. */
function insertOutbox(m: EntityManager, job: PlannedJob): Promise<void> {
  return new OutboxRepository(m).add(job);
}
