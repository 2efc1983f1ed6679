import { Injectable } from '@nestjs/common';
import { fromBuffer } from 'file-type';
import { createHash } from 'node:crypto';
import { assertMay, Conflict, FileStorage, UnsupportedContent } from '@app/common';
import type { ScanFacts } from '@app/db';
import { stateHasTag, type CaseEvent } from '@app/workflow';
import type { Actor } from './actor';
import { caseNotFound, invalidField, staleVersion } from './case-errors';
import { CaseRepository, type CaseHead, type ScanRecord } from './case.repository';
import { CaseWriter } from './case-writer';

/** Content types a scan may have, by what its bytes are. */
export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** What an upload answers: the scan as stored, and the case's version after it. */
export interface ScanView {
  id: string;
  materialName: string;
  contentType: string;
  bytes: number;
  sha256: string;
  /** 原件核验 of the material scanned: the clerk's account that checked the copy against its original; else null. */
  originalCheckedBy: string | null;
  /** When it was checked (server time); null with `originalCheckedBy`. */
  originalCheckedAt: Date | null;
  /** The case's version now (a new scan is a row of its history): If-Match for the next command. */
  version: number;
}

/**
 * Takes a scanned material at the window (扫描): the type comes from the bytes, the SHA-256 from
 * the server, the file goes to FileStorage under a content-addressed key, then, through the write
 * path (CaseWriter), the `scans` row and a `SCAN_UPLOADED` row of the case's history, in one
 * transaction with the case locked; when they cannot be written the file is removed again, so
 * nothing is kept.
 */
@Injectable()
export class ScanService {
  constructor(
    private readonly writer: CaseWriter,
    private readonly cases: CaseRepository,
    private readonly storage: FileStorage,
  ) {}

  /**
   * Uploading the same bytes again for the same material answers the scan already kept and writes
   * nothing.
   * @throws NotAllowed (403) not a clerk
   * @throws InvalidInput (400) empty file; a material not handed in for this case
   * @throws UnsupportedContent (415) bytes that are not a PDF, JPEG or PNG, whatever the file is called
   * @throws NotFound (404) unknown case, or out of the actor's scope (the same answer)
   * With `expectedVersion` (the case version the caller's page showed), a case changed since is
   * refused and nothing is kept.
   * @throws Conflict (409) the window no longer holds the papers (forwarded or decided);
   *   these bytes are already the scan of another material of the case; stale_version (the case
   *   is no longer at `expectedVersion`)
   */
  async upload(
    caseId: string,
    materialName: string,
    bytes: Buffer,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<ScanView> {
    assertMay(actor, 'uploadScan');
    await checkUploadable(this.cases, caseId, materialName, actor);
    if (bytes.length === 0) throw invalidField('file', 'is empty');
    const sniffed = await fromBuffer(bytes);
    if (!sniffed || !(SCAN_TYPES as readonly string[]).includes(sniffed.mime)) {
      throw new UnsupportedContent(
        'unsupported_type',
        `a scan must be a PDF, JPEG or PNG; these bytes are ${sniffed?.mime ?? 'not a known file type'}`,
        [{ field: 'file', message: 'unsupported content' }],
      );
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const storageKey = `${caseId}/${sha256}.${sniffed.ext}`;
    await this.storage.put(storageKey, bytes);
    try {
      return await this.writer.write(async (tx) => {
        const head = await checkUploadable(tx.cases, caseId, materialName, actor, true);
        if (expectedVersion !== undefined && expectedVersion !== head.version) {
          throw staleVersion(expectedVersion, head.version, head.state);
        }
        // A scan of a copy checked against its original carries that 原件核验 (who, when).
        const attestation = await tx.cases.originalCheckOf(caseId, materialName);
        const { scan, added } = await tx.cases.addScan({
          caseId,
          materialName,
          contentType: sniffed.mime,
          bytes: bytes.length,
          sha256,
          storageKey,
          ...attestation,
        });
        if (scan.materialName !== materialName) {
          throw new Conflict(
            'scan_exists',
            `these bytes are already the scan of ${scan.materialName} in this case`,
            { materialName: scan.materialName },
          );
        }
        const facts: ScanFacts = { materialName, sha256, contentType: scan.contentType, bytes: scan.bytes };
        const checked = {
          originalCheckedBy: scan.originalCheckedBy,
          originalCheckedAt: scan.originalCheckedAt,
        };
        const { version } = added
          ? await tx.append(head, {
              type: 'SCAN_UPLOADED',
              toState: head.state,
              payload: { ...facts, ...(checked.originalCheckedBy ? checked : {}) },
              actor,
              occurredAt: scan.uploadedAt,
            })
          : head;
        return { id: scan.id, ...facts, ...checked, version };
      });
    } catch (e) {
      // The same bytes may already be a scan of this case: keep the file they share.
      if (!(await this.cases.hasScanAt(storageKey))) await this.storage.delete(storageKey);
      throw e;
    }
  }
}

/**
 * The digests a transfer by scan carries (扫描传送): the pages the home jurisdiction receives are the
 * scans uploaded for the case (table `scans`), nothing else, and they must hold every material
 * handed in, each scanned since it was last handed in (a corrected material at a resubmission, a
 * supplement), since by scan nothing else reaches the home jurisdiction. With `digests`, each must
 * be the SHA-256 of a scan uploaded for case `caseId`; without, every scan uploaded for it
 * since its material was last handed in travels, in upload order. Reads through `cases` (the
 * caller's transaction).
 * @returns the digests to send, in the order given (or uploaded)
 * @throws Conflict (409 scans_not_uploaded) naming, in `details.digests`, each given digest
 *   that is not an uploaded scan of this case
 * @throws Conflict (409 materials_not_scanned) a material handed in has no scan among those
 *   sent made since it was last handed in; names them, in `details.unscannedMaterials`, in the order
 *   they were first handed in
 */
export async function scansToForward(
  cases: CaseRepository,
  caseId: string,
  digests?: string[],
): Promise<string[]> {
  const uploaded = await cases.scansOf([caseId]);
  const uploadedDigests = uploaded.map((scan) => scan.sha256);
  const notUploaded = (digests ?? []).filter((digest) => !uploadedDigests.includes(digest));
  if (notUploaded.length > 0) {
    throw new Conflict(
      'scans_not_uploaded',
      `not scans uploaded for this case: ${notUploaded.join(', ')}; upload them first (POST /applications/${caseId}/scans)`,
      { digests: notUploaded },
    );
  }
  const materials = await cases.materialArrivals(caseId);
  // A material handed in again (resubmission, supplement) travels as a scan made since then; an
  // older scan of it is out of date and is not sent unless the clerk names it.
  const handedIn = new Map(materials.map(({ name, latest }) => [name, latest]));
  const current = (scan: ScanRecord) =>
    scan.uploadedAt >= (handedIn.get(scan.materialName) ?? scan.uploadedAt);
  const sent = digests ?? uploaded.filter(current).map((scan) => scan.sha256);
  const scannedSince = (name: string) =>
    uploaded.some((scan) => scan.materialName === name && current(scan) && sent.includes(scan.sha256));
  const unscannedMaterials = materials.map(({ name }) => name).filter((name) => !scannedSince(name));
  if (unscannedMaterials.length > 0) {
    throw new Conflict(
      'materials_not_scanned',
      `by scan, every material handed in travels as a scan made since it was last handed in: scan ${unscannedMaterials.join(', ')} first, or forward by courier`,
      { unscannedMaterials },
    );
  }
  return sent;
}

/** True for a transfer by scan: the one event `completeEvent` completes from stored rows. */
export function isScanTransfer(
  event: CaseEvent,
): event is Extract<CaseEvent, { type: 'FORWARD' | 'REDISPATCH' }> {
  return (event.type === 'FORWARD' || event.type === 'REDISPATCH') && event.channel === 'scan';
}

/**
 * `event` completed from the case's stored rows before it is recorded: a transfer by scan carries
 * scans uploaded for the case, those the clerk named or else all of them (scansToForward), so the
 * history row and the transfer name the pages that travel. Other events are returned as they are.
 * @throws Conflict (409 scans_not_uploaded / materials_not_scanned) from scansToForward
 */
export async function completeEvent(
  cases: CaseRepository,
  caseId: string,
  event: CaseEvent,
): Promise<CaseEvent> {
  if (isScanTransfer(event)) {
    return { ...event, scanDigests: await scansToForward(cases, caseId, event.scanDigests) };
  }
  return event;
}

/**
 * Checks that `actor` may scan `materialName` of case `caseId` now; with `lock`, locks the
 * case for the caller's transaction.
 * @returns the case's head
 * @throws NotFound (404) unknown case or out of scope
 * @throws Conflict (409) the window no longer holds the papers
 * @throws InvalidInput (400, field material) not a material handed in for this case
 */
async function checkUploadable(
  cases: CaseRepository,
  caseId: string,
  materialName: string,
  actor: Actor,
  lock = false,
): Promise<CaseHead> {
  const head = await cases.loadCase(caseId, actor.scope, { lock });
  if (!head) throw caseNotFound();
  checkAtWindow(head.state);
  if (!(await cases.hasMaterial(caseId, materialName))) {
    throw invalidField('material', `${materialName} is not among the materials handed in for this case`);
  }
  return head;
}

/** @throws Conflict (409) the window no longer holds the papers of a case in `state` */
function checkAtWindow(state: string): void {
  if (!stateHasTag(state, 'atWindow')) {
    throw new Conflict('not_at_window', `the window no longer holds the papers of a case in state ${state}`, {
      state,
    });
  }
}
