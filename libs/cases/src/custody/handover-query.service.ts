import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertMay, NotFound } from '@app/common';
import {
  HANDOVER_KIND_LABELS,
  HandoverReceiptRepository,
  receiptFileText,
  type HandoverKind,
  type HandoverParty,
  type HandoverSignerRef,
  type StoredHandoverReceipt,
} from '@app/transfer';
import type { Actor } from '../actor';
import { handoverReceiptNotFound } from '../case-errors';
import { CaseRepository } from '../case.repository';
import { handoverReceiptFile } from './handover-signer';

/** A hand-over receipt as a list shows it: what the signed body says, the kind's Chinese label. */
export interface HandoverView {
  id: string;
  kind: HandoverKind;
  /** E.g. 收件窗口交寄 (HANDOVER_KIND_LABELS). */
  label: string;
  from: HandoverParty;
  to: HandoverParty;
  parcelNumber: string | null;
  waybillNumber: string | null;
  caseNumbers: string[];
  manifestSha256: string;
  signedAt: Date;
  signer: HandoverSignerRef;
}

/** A receipt file to download: its name (`<receipt id>.json`) and its exact text. */
export interface HandoverReceiptDownload {
  filename: string;
  text: string;
}

const view = (r: StoredHandoverReceipt): HandoverView => ({
  id: r.id,
  kind: r.body.kind,
  label: HANDOVER_KIND_LABELS[r.body.kind],
  from: r.body.from,
  to: r.body.to,
  parcelNumber: r.body.parcelNumber ?? null,
  waybillNumber: r.body.waybillNumber ?? null,
  caseNumbers: r.body.caseNumbers,
  manifestSha256: r.body.manifestSha256,
  signedAt: new Date(r.body.signedAt),
  signer: r.body.signer,
});

/** Whether a receipt covers case `caseId` and no other (what the applicant may hold). */
const coversOnly = (caseId: string) => (r: StoredHandoverReceipt) =>
  r.caseIds.length === 1 && r.caseIds[0] === caseId;

const download = (r: StoredHandoverReceipt): HandoverReceiptDownload => ({
  filename: `${r.id}.json`,
  text: receiptFileText(handoverReceiptFile(r)),
});

/**
 * Reads the signed hand-over receipts of a case (issue 13 item 7): staff who may read the case
 * (policy `readCases`, in their scope, as the case's history), and the applicant with the receipt
 * (policy `track`) for their own case.
 */
@Injectable()
export class HandoverQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  /**
   * The receipts covering case `caseId`, in the order they were signed.
   * @throws NotAllowed (403) a role that reads no case (an admin)
   * @throws NotFound (404) unknown case, or out of the actor's scope (the same answer)
   */
  async ofCase(caseId: string, actor: Actor): Promise<HandoverView[]> {
    assertMay(actor, 'readCases');
    return this.read(caseId, actor);
  }

  /**
   * The file of receipt `receiptId`, when one of the cases it covers is in the actor's scope.
   * @throws NotAllowed (403) a role that reads no case
   * @throws NotFound (404, reason handover_receipt) no such receipt, or none of its cases in scope
   */
  async receiptFile(receiptId: string, actor: Actor): Promise<HandoverReceiptDownload> {
    assertMay(actor, 'readCases');
    const receipt = await new HandoverReceiptRepository(this.dataSource.manager).find(receiptId);
    if (!receipt) throw handoverReceiptNotFound();
    for (const caseId of receipt.caseIds) {
      if (await this.inScope(caseId, actor)) return download(receipt);
    }
    throw handoverReceiptNotFound();
  }

  /**
   * The receipts of the applicant's case `caseId` (the case `applicant`, from `applicantActor`, opened)
   * that cover it alone: a receipt of a parcel shared with other cases names them, so it stays with
   * the offices (the applicant's timeline shows that parcel's legs all the same).
   * @throws NotAllowed (403) an actor other than the applicant
   * @throws NotFound (404) a case other than the applicant's
   */
  async toApplicant(caseId: string, applicant: Actor): Promise<HandoverView[]> {
    assertMay(applicant, 'track');
    await this.cases.getInScope(caseId, applicant.scope);
    const receipts = await new HandoverReceiptRepository(this.dataSource.manager).ofCase(caseId);
    return receipts.filter(coversOnly(caseId)).map(view);
  }

  /**
   * The file of receipt `receiptId` of the applicant's case `caseId`, when it covers that case alone.
   * @throws NotAllowed (403) an actor other than the applicant
   * @throws NotFound (404) a case other than the applicant's, a receipt not of the case, or of a
   *   parcel shared with other cases
   */
  async fileToApplicant(
    caseId: string,
    receiptId: string,
    applicant: Actor,
  ): Promise<HandoverReceiptDownload> {
    assertMay(applicant, 'track');
    await this.cases.getInScope(caseId, applicant.scope);
    const receipt = await new HandoverReceiptRepository(this.dataSource.manager).find(receiptId);
    if (!receipt || !coversOnly(caseId)(receipt)) throw handoverReceiptNotFound();
    return download(receipt);
  }

  private async read(caseId: string, actor: Actor): Promise<HandoverView[]> {
    await this.cases.getInScope(caseId, actor.scope);
    return (await new HandoverReceiptRepository(this.dataSource.manager).ofCase(caseId)).map(view);
  }

  private async inScope(caseId: string, actor: Actor): Promise<boolean> {
    try {
      await this.cases.getInScope(caseId, actor.scope);
      return true;
    } catch (e) {
      if (e instanceof NotFound) return false;
      throw e;
    }
  }
}
