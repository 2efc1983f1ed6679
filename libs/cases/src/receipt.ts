import type { PiiCipher } from '@app/common';
import { writingKeyInService } from '@app/db';
import { caseNotFound } from './case-errors';
import type { CaseRecord } from './case.repository';
import type { CaseWrite } from './case-writer';

/**
 * The case `caseNumber` when `code` is its receipt's query code: the applicant's key to tracking,
 * withdrawal and evaluation. The code is kept only as a keyed hash and compared in constant time;
 * a code still hashed under an older PII key (rotation) is re-hashed under PII_KEY on its first
 * correct use (unless PII_KEY itself was retired meanwhile), so old keys can be dropped
 * (docs/AUDIT.md, "Keys"). Reads and writes through `on` (a transaction's, or the data source's
 * manager and repository). With `lock`, the case row is locked for the caller's transaction.
 * @throws NotFound unknown case or wrong code (the same answer, so a guess learns nothing)
 */
export async function openReceipt(
  on: Pick<CaseWrite, 'm' | 'cases'>,
  pii: PiiCipher,
  caseNumber: string,
  code: string,
  lock = false,
): Promise<CaseRecord> {
  const app = await on.cases.findByNumber(caseNumber, lock);
  const match = pii.checkQueryCode(app?.queryCodeHash ?? '', caseNumber, code);
  if (!app || !match) throw caseNotFound();
  // A process whose PII_KEY was retired meanwhile leaves the hash as it is (still verifiable).
  if (match === 'previous' && (await writingKeyInService(on.m, pii))) {
    const rehashed = pii.queryCodeHash(caseNumber, code);
    await on.cases.rehashQueryCode(app.id, app.queryCodeHash, rehashed);
    return { ...app, queryCodeHash: rehashed };
  }
  return app;
}
