import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 item 5: the notices the engine sends (`notices`), one row per (case, change, recipient):
 * `change_key` is `event:<seq>` (the history row that changed the case) or
 * `clock:<clock id>:<warned|overdue>` (a clock's warning or overdue mark), `recipient_key` is
 * `applicant` or the office (`jurisdiction:<code>` / `window:<code>`). The unique key is what makes
 * a replayed command or a retried job tell nobody twice. The row holds only what is shown: the
 * text and, once sent, the recipient as masked (`138****5678`) or the office's code; never a full
 * phone number or a name.
 */
export class Notices1764810000000 implements MigrationInterface {
  name = 'Notices1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE notices (
         id bigserial PRIMARY KEY,
         application_id uuid NOT NULL REFERENCES applications (id),
         change_key text NOT NULL,
         recipient_key text NOT NULL,
         kind text NOT NULL,
         channel text NOT NULL CHECK (channel IN ('sms', 'email')),
         recipient text,
         body text NOT NULL CHECK (length(body) > 0),
         created_at timestamptz NOT NULL DEFAULT now(),
         sent_at timestamptz,
         transport text,
         CONSTRAINT notices_once UNIQUE (application_id, change_key, recipient_key))`,
    );
    await q.query(`CREATE INDEX notices_case ON notices (application_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notices`);
  }
}
