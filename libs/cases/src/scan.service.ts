import { ConflictException, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { fromBuffer } from 'file-type';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FileStorage } from '@app/common';
import { ApplicationEntity, ScanEntity } from '@app/db';
import type { Actor } from './actor';
import { invalidField, roleMayNotSend } from './case-errors';
import { caseInScope } from './case-scope';

/** Content types a scan may have, by what its bytes are. */
export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** States in which the window holds the papers and may scan them. */
const SCANNING_STATES = [
  'received',
  'returnedForCorrection',
  'formChecked',
  'identityVerified',
  'transferException',
  'supplementRequested',
];

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
   * @throws ForbiddenException (403) not a clerk
   * @throws BadRequestException (400) empty file, blank material name
   * @throws UnsupportedMediaTypeException (415) bytes that are not a PDF, JPEG or PNG, whatever the file is called
   * @throws NotFoundException (404) unknown case, or out of the actor's scope (the same answer)
   * @throws ConflictException (409) the window no longer holds the papers (forwarded or decided)
   */
  async upload(applicationId: string, materialName: string, bytes: Buffer, actor: Actor): Promise<ScanView> {
    if (actor.role !== 'clerk') throw roleMayNotSend(actor.role, 'SCAN');
    checkAtWindow(await caseInScope(this.dataSource.manager, applicationId, actor.scope));
    if (bytes.length === 0) throw invalidField('file', 'is empty');
    const sniffed = await fromBuffer(bytes);
    if (!sniffed || !(SCAN_TYPES as readonly string[]).includes(sniffed.mime)) {
      throw new UnsupportedMediaTypeException({
        message: `a scan must be a PDF, JPEG or PNG; these bytes are ${sniffed?.mime ?? 'not a known file type'}`,
        details: [{ field: 'file', message: 'unsupported content' }],
      });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const storageKey = `${applicationId}/${sha256}.${sniffed.ext}`;
    await this.storage.put(storageKey, bytes);
    try {
      return await this.dataSource.transaction(async (m) => {
        checkAtWindow(await caseInScope(m, applicationId, actor.scope));
        const scan = m.create(ScanEntity, {
          applicationId,
          materialName,
          contentType: sniffed.mime,
          bytes: bytes.length,
          sha256,
          storageKey,
        });
        await m.upsert(ScanEntity, scan, ['applicationId', 'sha256']);
        const { id } = await m.findOneByOrFail(ScanEntity, { applicationId, sha256 });
        return { id, materialName, contentType: sniffed.mime, bytes: bytes.length, sha256 };
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

/** @throws ConflictException (409) the window no longer holds the papers of `app` */
function checkAtWindow(app: ApplicationEntity): void {
  if (!SCANNING_STATES.includes(app.state)) {
    throw new ConflictException({
      message: `the window no longer holds the papers of a case in state ${app.state}`,
      details: { reason: 'not_at_window', state: app.state },
    });
  }
}
