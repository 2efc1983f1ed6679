import type { EntityManager } from 'typeorm';

/** How a notice travels: an SMS to the applicant's phone, an e-mail to an office. */
export type NoticeChannel = 'sms' | 'email';

/** A notice to record: one per (case, change, recipient). */
export interface NewNotice {
  caseId: string;
  /** The change told of: `event:<history seq>` or `clock:<clock id>:<warned|overdue>`. */
  changeKey: string;
  /** Who is told: `applicant`, or the office as `jurisdiction:<code>` / `window:<code>`. */
  recipientKey: string;
  kind: string;
  channel: NoticeChannel;
  /** The recipient as shown: an office's key; null for the applicant until sent (then the masked phone). */
  recipient: string | null;
  /** The Chinese text, as sent. */
  body: string;
}

/** A notice as stored (`notices`), as the api shows it and the notify job sends it. */
export interface NoticeRecord extends NewNotice {
  /** bigint, as text. */
  id: string;
  createdAt: Date;
  /** When the transport took it; null until then (and `recipient` null for the applicant). */
  sentAt: Date | null;
  /** The transport that took it (NOTICE_TRANSPORT), e.g. `recording`. */
  transport: string | null;
}

interface NoticeRow {
  id: string;
  application_id: string;
  change_key: string;
  recipient_key: string;
  kind: string;
  channel: NoticeChannel;
  recipient: string | null;
  body: string;
  created_at: Date;
  sent_at: Date | null;
  transport: string | null;
}

const COLUMNS = `id::text AS id, application_id, change_key, recipient_key, kind, channel, recipient, body,
                 created_at, sent_at, transport`;

const toRecord = (r: NoticeRow): NoticeRecord => ({
  id: r.id,
  caseId: r.application_id,
  changeKey: r.change_key,
  recipientKey: r.recipient_key,
  kind: r.kind,
  channel: r.channel,
  recipient: r.recipient,
  body: r.body,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  transport: r.transport,
});

/**
 * All SQL of `notices` (migration Notices1764810000000), through the caller's manager: the write
 * path's transaction when recording, the data source's or the notify job's transaction when
 * sending and reading.
 */
export class NoticeRepository {
  constructor(private readonly m: EntityManager) {}

  /**
   * Records `notice` unless its case already has one for the same change and recipient (the unique
   * key `notices_once`).
   * @returns the new row's id; null when it was recorded before (a replay or a retried job)
   */
  async record(notice: NewNotice): Promise<string | null> {
    const rows: { id: string }[] = await this.m.query(
      `INSERT INTO notices (application_id, change_key, recipient_key, kind, channel, recipient, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT notices_once DO NOTHING RETURNING id::text AS id`,
      [
        notice.caseId,
        notice.changeKey,
        notice.recipientKey,
        notice.kind,
        notice.channel,
        notice.recipient,
        notice.body,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Notice `id`, locked for the caller's transaction (one sender at a time); null when unknown. */
  async lock(id: string): Promise<NoticeRecord | null> {
    const rows: NoticeRow[] = await this.m.query(`SELECT ${COLUMNS} FROM notices WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Marks notice `id` sent now by `transport`, to `recipient` as shown (masked). */
  async markSent(id: string, recipient: string, transport: string): Promise<void> {
    await this.m.query(`UPDATE notices SET sent_at = now(), recipient = $2, transport = $3 WHERE id = $1`, [
      id,
      recipient,
      transport,
    ]);
  }

  /**
   * The published `notify` outbox rows of notices not sent yet, recorded more than `olderThanMs`
   * ago: jobs that vanished from Redis or failed for good, for the reconciler to put back.
   * @returns each as the outbox names it (row id, job id, job name)
   */
  async unsentNotifyJobs(olderThanMs: number): Promise<{ id: string; jobId: string; name: string }[]> {
    const rows: { id: string; job_id: string; queue: string }[] = await this.m.query(
      `SELECT o.id::text AS id, o.job_id, o.queue
         FROM notices n JOIN outbox o ON o.queue = 'notify' AND o.payload ->> 'noticeId' = n.id::text
        WHERE n.sent_at IS NULL AND o.published_at IS NOT NULL
          AND n.created_at < now() - make_interval(secs => $1 / 1000.0)
        ORDER BY o.id`,
      [olderThanMs],
    );
    return rows.map((r) => ({ id: r.id, jobId: r.job_id, name: r.queue }));
  }

  /** The number of case `caseId` (what a notice names it by); null when there is no such case. */
  async caseNumberOf(caseId: string): Promise<string | null> {
    const rows: { case_number: string }[] = await this.m.query(
      `SELECT case_number FROM applications WHERE id = $1`,
      [caseId],
    );
    return rows[0]?.case_number ?? null;
  }

  /** The notices of case `caseId`, in the order they were recorded. */
  async ofCase(caseId: string): Promise<NoticeRecord[]> {
    const rows: NoticeRow[] = await this.m.query(
      `SELECT ${COLUMNS} FROM notices n WHERE n.application_id = $1 ORDER BY n.id`,
      [caseId],
    );
    return rows.map(toRecord);
  }
}
