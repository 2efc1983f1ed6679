import type { EntityManager } from 'typeorm';
import { TransferEntity } from '@app/db';

/** A transfer as it sets off: which case, which way, by what, and what it carries. */
export type NewTransfer = Pick<
  TransferEntity,
  'caseId' | 'direction' | 'channel' | 'waybillNumber' | 'scanDigests' | 'parcelId'
>;

/** How a transfer in transit ended. */
export type TransferOutcome =
  { status: 'delivered'; deliveredAt: Date } | { status: 'failed'; failureReason: string };

/**
 * The `transfers` table: each movement of a case's papers, forward to the home jurisdiction or
 * the result to the applicant. Works through `m`, the caller's transaction manager.
 */
export class TransferRepository {
  constructor(private readonly m: EntityManager) {}

  /** Every transfer of case `caseId`, in the order they set off. */
  ofCase(caseId: string): Promise<TransferEntity[]> {
    return this.m.find(TransferEntity, { where: { caseId }, order: { dispatchedAt: 'ASC' } });
  }

  /** Inserts `transfer` in transit and answers it with its id. (Its parcel keeps its waybill unique.) */
  async startInTransit(transfer: NewTransfer): Promise<TransferEntity> {
    const row = this.m.create(TransferEntity, { ...transfer, status: 'in_transit' });
    await this.m.insert(TransferEntity, row);
    return row;
  }

  /** Records `outcome` on transfer `id` of case `caseId`; false when it is not in transit. */
  async settle(caseId: string, id: string, outcome: TransferOutcome): Promise<boolean> {
    const result = await this.m.update(TransferEntity, { id, caseId, status: 'in_transit' }, outcome);
    return Boolean(result.affected);
  }

  /** Marks every transfer of case `caseId` still in transit cancelled, for `reason`. */
  async cancelInTransit(caseId: string, reason: string): Promise<void> {
    await this.m.update(
      TransferEntity,
      { caseId, status: 'in_transit' },
      { status: 'cancelled', failureReason: reason },
    );
  }

  /** The id of case `caseId`'s latest forward transfer (by dispatch); null when none. */
  async latestForwardId(caseId: string): Promise<string | null> {
    const latest = await this.m.findOne(TransferEntity, {
      where: { caseId, direction: 'forward' },
      order: { dispatchedAt: 'DESC' },
      select: { id: true },
    });
    return latest?.id ?? null;
  }
}
