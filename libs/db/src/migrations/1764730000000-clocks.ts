import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 item 3: time limits are clocks, rows that transitions start, pause, resume, extend and
 * stop, and that a periodic sweep watches (DESIGN "Clocks"), instead of one delayed job per arrival.
 * At most one open (running or paused) clock per case and stage. Items gain their promised limit
 * (承诺时限, never above the statutory one, 行政许可法 art. 42) and per-stage budgets where an agreement
 * says so. A case awaiting acceptance keeps the deadline its arrival set (`transfers.acceptance_due_at`,
 * calendar time): it becomes its running acceptance clock, due then; the column goes, and so do
 * the unpublished deadline jobs.
 */
export class Clocks1764730000000 implements MigrationInterface {
  name = 'Clocks1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE clocks (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         application_id uuid NOT NULL REFERENCES applications(id),
         stage text NOT NULL,
         party text NOT NULL CHECK (party IN ('window', 'courier', 'homeJurisdiction', 'applicant')),
         status text NOT NULL CHECK (status IN ('running', 'paused', 'stopped')),
         started_at timestamptz NOT NULL,
         budget_working_days smallint NOT NULL CHECK (budget_working_days >= 0),
         extended_working_days smallint NOT NULL DEFAULT 0 CHECK (extended_working_days >= 0),
         extension_reason text,
         pauses jsonb NOT NULL DEFAULT '[]',
         counted_from date NOT NULL,
         due_date date,
         due_at timestamptz,
         warn_at timestamptz,
         provisional boolean NOT NULL DEFAULT false,
         warned_at timestamptz,
         overdue_at timestamptz,
         stopped_at timestamptz,
         outcome text CHECK (outcome IN ('met', 'late', 'withdrawn')),
         used_working_days smallint,
         CHECK (status <> 'running' OR due_at IS NOT NULL),
         CHECK (status <> 'paused' OR due_at IS NULL),
         CHECK ((status = 'stopped') = (stopped_at IS NOT NULL)))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX clocks_one_open_per_stage ON clocks (application_id, stage) WHERE status <> 'stopped'`,
    );
    await q.query(`CREATE INDEX clocks_application ON clocks (application_id, started_at)`);
    await q.query(`CREATE INDEX clocks_running_due ON clocks (due_at) WHERE status = 'running'`);
    await q.query(
      `ALTER TABLE service_items
         ADD COLUMN promised_limit_working_days smallint
           CHECK (promised_limit_working_days BETWEEN 1 AND time_limit_working_days),
         ADD COLUMN clock_budgets jsonb NOT NULL DEFAULT '{}'`,
    );
    await q.query(
      `INSERT INTO clocks (application_id, stage, party, status, started_at, budget_working_days,
                           counted_from, due_date, due_at, warn_at)
       SELECT t.application_id, 'acceptance', 'homeJurisdiction', 'running', t.delivered_at, 5,
              (t.delivered_at AT TIME ZONE 'Asia/Shanghai')::date,
              (t.acceptance_due_at AT TIME ZONE 'Asia/Shanghai')::date, t.acceptance_due_at, t.acceptance_due_at
         FROM transfers t JOIN applications a ON a.id = t.application_id
        WHERE a.state = 'forwarded.awaitingAcceptance' AND t.direction = 'forward' AND t.status = 'delivered'
          AND t.acceptance_due_at IS NOT NULL
          AND t.delivered_at = (SELECT max(delivered_at) FROM transfers l
                                 WHERE l.application_id = t.application_id AND l.direction = 'forward')`,
    );
    await q.query(`ALTER TABLE transfers DROP COLUMN acceptance_due_at`);
    // The deadline jobs not yet published: the clocks above replace them (a published one left in
    // Redis has no worker any more).
    await q.query(`DELETE FROM outbox WHERE queue = 'deadlines' AND published_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE transfers ADD COLUMN acceptance_due_at timestamptz`);
    await q.query(
      `UPDATE transfers t SET acceptance_due_at = c.due_at
         FROM clocks c
        WHERE c.application_id = t.application_id AND c.stage = 'acceptance' AND c.status = 'running'
          AND t.direction = 'forward' AND t.status = 'delivered'`,
    );
    await q.query(
      `ALTER TABLE service_items DROP COLUMN promised_limit_working_days, DROP COLUMN clock_budgets`,
    );
    await q.query(`DROP TABLE clocks`);
  }
}
