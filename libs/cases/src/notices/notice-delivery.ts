import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PiiCipher } from '@app/common';
import { CaseRepository } from '../case.repository';
import { maskPhone } from '../masking';
import { NoticeRepository } from './notice.repository';
import { NOTIFICATION_TRANSPORT, type NotificationTransport } from './notification-transport';
import { APPLICANT } from './record-notices';

/** What delivering a notice did: sent it now, or found it sent before (a job delivered twice). */
export type DeliveryOutcome = 'sent' | 'alreadySent';

/**
 * The `notify` job's work: hands one recorded notice to the NotificationTransport and marks it
 * sent, in one transaction that holds the notice's row, so two deliveries of the same job send it
 * once. The applicant's phone is decrypted here, at send time, and kept only masked on the row.
 */
@Injectable()
export class NoticeDelivery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly pii: PiiCipher,
    @Inject(NOTIFICATION_TRANSPORT) private readonly transport: NotificationTransport,
  ) {}

  /**
   * Sends notice `noticeId` unless it was sent.
   * @throws Error when there is no such notice; and what the transport throws (the job is retried,
   *   the notice stays unsent)
   */
  deliver(noticeId: string): Promise<DeliveryOutcome> {
    return this.dataSource.transaction(async (m) => {
      const notices = new NoticeRepository(m);
      const notice = await notices.lock(noticeId);
      if (!notice) throw new Error(`no notice ${noticeId}`);
      if (notice.sentAt) return 'alreadySent';
      const to =
        notice.recipientKey === APPLICANT
          ? this.pii.decrypt(
              (await this.cases.within(m).getInScope(notice.caseId, { kind: 'all' })).applicantPhone,
            )
          : notice.recipientKey;
      const transport = await this.transport.send({
        noticeId,
        channel: notice.channel,
        to,
        body: notice.body,
      });
      await notices.markSent(noticeId, notice.recipientKey === APPLICANT ? maskPhone(to) : to, transport);
      return 'sent';
    });
  }
}
