import type { EntityManager } from 'typeorm';
import type { PiiCipher } from '@app/common';
import { CaseEntity } from '@app/db';
import type { MailingAddressIn } from './applicant';
import { caseNotFound } from './case-errors';

/**
 * The applicant data of cases that other parts read on their own: the mailing address (邮寄地址)
 * for the result leg, decrypted with `pii`. Statements run through `m` (a transaction's or the data
 * source's manager). Reads whoever asks: the caller has checked the case's scope.
 */
export class ApplicantRepository {
  constructor(
    private readonly m: EntityManager,
    private readonly pii: PiiCipher,
  ) {}

  /**
   * Where the result of case `caseId` goes by mail, as received: province, city and district codes
   * (GB/T 2260), street, recipient and phone, decrypted; null when no address was given.
   * @throws NotFound (404) unknown case
   * @throws PiiKeyMissingError the address is under a key this process does not hold
   */
  async mailingAddressOf(caseId: string): Promise<MailingAddressIn | null> {
    const app = await this.m.findOne(CaseEntity, {
      where: { id: caseId },
      select: { id: true, mailingAddress: true },
    });
    if (!app) throw caseNotFound();
    return app.mailingAddress === null
      ? null
      : (JSON.parse(this.pii.decrypt(app.mailingAddress)) as MailingAddressIn);
  }

  /**
   * The name of case `caseId`'s applicant (a person's name, a company's), as received.
   * @throws NotFound (404) unknown case
   */
  async nameOf(caseId: string): Promise<string> {
    const app = await this.m.findOne(CaseEntity, {
      where: { id: caseId },
      select: { id: true, applicantName: true },
    });
    if (!app) throw caseNotFound();
    return app.applicantName;
  }
}
