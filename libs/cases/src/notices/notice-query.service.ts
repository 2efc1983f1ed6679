import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertMay } from '@app/common';
import { APPLICANT } from './record-notices';
import type { Actor } from '../actor';
import { CaseRepository } from '../case.repository';
import { NoticeRepository, type NoticeChannel } from './notice.repository';

/** A notice as staff read it: what was (or will be) sent, to whom as shown, and when. */
export interface NoticeView {
  id: string;
  caseId: string;
  /** What it tells of (NoticeKind). */
  kind: string;
  channel: NoticeChannel;
  /** `applicant`, or the office (`jurisdiction:<code>`, `window:<code>`). */
  addressee: string;
  /** The recipient as shown: the masked phone (`138****5678`) or the office; null until sent. */
  recipient: string | null;
  /** The Chinese text. */
  text: string;
  recordedAt: Date;
  sentAt: Date | null;
  transport: string | null;
}

/**
 * Reads the notices of a case: all of them for staff who may read the case (policy `readCases`, in
 * their scope), the applicant's own for the holder of the receipt (policy `track`).
 */
@Injectable()
export class NoticeQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  /**
   * The notices of case `caseId`, to the applicant and to offices, in the order they were recorded.
   * @throws NotAllowed (403) a role that reads no case (an admin)
   * @throws NotFound (404) unknown case, or out of the actor's scope (the same answer)
   */
  async ofCase(caseId: string, actor: Actor): Promise<NoticeView[]> {
    assertMay(actor, 'readCases');
    return this.read(caseId, actor);
  }

  /**
   * The notices the applicant of case `caseId` was sent, oldest first: what the holder of the
   * receipt (`applicantActor`) reads beside the tracking view.
   * @throws NotAllowed (403) an actor other than the applicant
   * @throws NotFound (404) a case other than the applicant's
   */
  async toApplicant(caseId: string, applicant: Actor): Promise<NoticeView[]> {
    assertMay(applicant, 'track');
    return (await this.read(caseId, applicant)).filter((n) => n.addressee === APPLICANT);
  }

  private async read(caseId: string, actor: Actor): Promise<NoticeView[]> {
    await this.cases.getInScope(caseId, actor.scope);
    const notices = await new NoticeRepository(this.dataSource.manager).ofCase(caseId);
    return notices.map((n) => ({
      id: n.id,
      caseId: n.caseId,
      kind: n.kind,
      channel: n.channel,
      addressee: n.recipientKey,
      recipient: n.recipient,
      text: n.body,
      recordedAt: n.createdAt,
      sentAt: n.sentAt,
      transport: n.transport,
    }));
  }
}
