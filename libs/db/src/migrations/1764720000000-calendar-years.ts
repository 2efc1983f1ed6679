import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 item 1: the official year arrangements an admin enters from the State Council's notices
 * (`calendar_years`, one row per year, the one in effect) and every change to them
 * (`calendar_year_changes`: who, when, the row before and after). The change rows are append-only: a
 * trigger refuses UPDATE and DELETE, so a change can be corrected only by another change.
 */
export class CalendarYears1764720000000 implements MigrationInterface {
  name = 'CalendarYears1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE calendar_years (
         year int PRIMARY KEY CHECK (year BETWEEN 1000 AND 9999),
         holidays date[] NOT NULL,
         adjusted_working_days date[] NOT NULL,
         source_note text NOT NULL CHECK (length(source_note) > 0),
         entered_by text NOT NULL,
         entered_at timestamptz NOT NULL DEFAULT now())`,
    );
    await q.query(
      `CREATE TABLE calendar_year_changes (
         id bigserial PRIMARY KEY,
         year int NOT NULL,
         changed_by text NOT NULL,
         changed_at timestamptz NOT NULL DEFAULT now(),
         before jsonb,
         after jsonb NOT NULL)`,
    );
    await q.query(`CREATE INDEX calendar_year_changes_year ON calendar_year_changes (year, id)`);
    await q.query(
      `CREATE FUNCTION calendar_year_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'calendar_year_changes is append-only';
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER calendar_year_changes_append_only BEFORE UPDATE OR DELETE ON calendar_year_changes
       FOR EACH ROW EXECUTE FUNCTION calendar_year_changes_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_year_changes`);
    await q.query(`DROP FUNCTION calendar_year_changes_append_only()`);
    await q.query(`DROP TABLE calendar_years`);
  }
}
