import { Injectable } from '@nestjs/common';
import { fromBuffer } from 'file-type';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { assertMay, Conflict, FileStorage, UnsupportedContent } from '@app/common';
import { ApplicationEntity, MaterialEntity, ScanEntity } from '@app/db';
import { stateHasTag } from '@app/workflow';
import type { Actor } from './actor';
import { invalidField } from './case-errors';
import { caseInScope } from './case-scope';

/** Content types a scan may have, by what its bytes are. */
export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** What an upload answers: the scan as stored. */
export interface ScanView {
  id: string;
  materialName: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

/**
 * Takes a scanned material at the window (扫描): the type comes from the bytes, the SHA-256 from
 * the server, the file goes to FileStorage under a content-addressed key, the row in one
 * transaction; when the row cannot be written the file is removed again, so nothing is kept.
 */
@Injectable()
export class ScanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
  ) {}

  /**
   * Uploading the same bytes again for the same material answers the scan already kept.
   * @throws NotAllowed (403) not a clerk
   * @throws InvalidInput (400) empty file; a material not handed in for this case
   * @throws UnsupportedContent (415) bytes that are not a PDF, JPEG or PNG, whatever the file is called
   * @throws NotFound (404) unknown case, or out of the actor's scope (the same answer)
   * @throws Conflict (409) the window no longer holds the papers (forwarded or decided);
   *   these bytes are already the scan of another material of the case
   */
  async upload(applicationId: string, materialName: string, bytes: Buffer, actor: Actor): Promise<ScanView> {
    assertMay(actor, 'uploadScan');
    await checkUploadable(this.dataSource.manager, applicationId, materialName, actor);
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
    const storageKey = `${applicationId}/${sha256}.${sniffed.ext}`;
    await this.storage.put(storageKey, bytes);
    try {
      return await this.dataSource.transaction(async (m) => {
        await checkUploadable(m, applicationId, materialName, actor);
        const scan = m.create(ScanEntity, {
          applicationId,
          materialName,
          contentType: sniffed.mime,
          bytes: bytes.length,
          sha256,
          storageKey,
        });
        await m.createQueryBuilder().insert().into(ScanEntity).values(scan).orIgnore().execute();
        const kept = await m.findOneByOrFail(ScanEntity, { applicationId, sha256 });
        if (kept.materialName !== materialName) {
          throw new Conflict(
            'scan_exists',
            `these bytes are already the scan of ${kept.materialName} in this case`,
            {
              materialName: kept.materialName,
            },
          );
        }
        return { id: kept.id, materialName, contentType: kept.contentType, bytes: kept.bytes, sha256 };
      });
    } catch (e) {
      // The same bytes may already be a scan of this case: keep the file they share.
      if (!(await this.dataSource.manager.existsBy(ScanEntity, { storageKey }))) {
        await this.storage.delete(storageKey);
      }
      throw e;
    }
  }
}

/**
 * The digests a transfer by scan carries (扫描传送): the pages the home jurisdiction receives are the
 * scans uploaded for the case (table `scans`), nothing else, and they must hold every material
 * handed in, each scanned since it was last handed in (a corrected material at a resubmission, a
 * supplement), since by scan nothing else reaches the home jurisdiction. With `digests`, each must
 * be the SHA-256 of a scan uploaded for case `applicationId`; without, every scan uploaded for it
 * since its material was last handed in travels, in upload order. Reads through the caller's
 * transaction manager `m`.
 * @returns the digests to send, in the order given (or uploaded)
 * @throws Conflict (409 scans_not_uploaded) naming, in `details.digests`, each given digest
 *   that is not an uploaded scan of this case
 * @throws Conflict (409 materials_not_scanned) a material handed in has no scan among those
 *   sent made since it was last handed in; names them, in `details.unscannedMaterials`, in the order
 *   they were first handed in
 */
export async function scansToForward(
  m: EntityManager,
  applicationId: string,
  digests?: string[],
): Promise<string[]> {
  const uploaded = await m.find(ScanEntity, {
    where: { applicationId },
    select: { sha256: true, materialName: true, uploadedAt: true },
    order: { uploadedAt: 'ASC', id: 'ASC' },
  });
  const uploadedDigests = uploaded.map((scan) => scan.sha256);
  const notUploaded = (digests ?? []).filter((digest) => !uploadedDigests.includes(digest));
  if (notUploaded.length > 0) {
    throw new Conflict(
      'scans_not_uploaded',
      `not scans uploaded for this case: ${notUploaded.join(', ')}; upload them first (POST /applications/${applicationId}/scans)`,
      { digests: notUploaded },
    );
  }
  const materials = await m
    .createQueryBuilder(MaterialEntity, 'x')
    .select('x.name', 'name')
    .addSelect('min(x.received_at)', 'first')
    .addSelect('max(x.received_at)', 'latest')
    .where('x.application_id = :applicationId', { applicationId })
    .groupBy('x.name')
    .orderBy('first')
    .getRawMany<{ name: string; latest: Date }>();
  // A material handed in again (resubmission, supplement) travels as a scan made since then; an
  // older scan of it is out of date and is not sent unless the clerk names it.
  const handedIn = new Map(materials.map(({ name, latest }) => [name, latest]));
  const current = (scan: ScanEntity) =>
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

/**
 * Checks that `actor` may scan `materialName` of case `applicationId` now.
 * @throws NotFound (404) unknown case or out of scope
 * @throws Conflict (409) the window no longer holds the papers
 * @throws InvalidInput (400, field material) not a material handed in for this case
 */
async function checkUploadable(
  m: EntityManager,
  applicationId: string,
  materialName: string,
  actor: Actor,
): Promise<void> {
  checkAtWindow(await caseInScope(m, applicationId, actor.scope));
  if (!(await m.existsBy(MaterialEntity, { applicationId, name: materialName }))) {
    throw invalidField('material', `${materialName} is not among the materials handed in for this case`);
  }
}

/** @throws Conflict (409) the window no longer holds the papers of `app` */
function checkAtWindow(app: ApplicationEntity): void {
  if (!stateHasTag(app.state, 'atWindow')) {
    throw new Conflict(
      'not_at_window',
      `the window no longer holds the papers of a case in state ${app.state}`,
      {
        state: app.state,
      },
    );
  }
}
