import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, claim and release (认领与释放): a case has at most one holder among its home
 * jurisdiction's officers, and each jurisdiction's lead officers (科室负责人) may hand an absent
 * colleague's cases to another.
 *
 * The claim is a row of its own table, not columns on `applications`: the case row is what the
 * history's RECEIVE row signs and what every event moves, while a claim comes and goes beside the
 * case's state; the primary key on the case makes "at most one holder" the schema's rule, and a
 * release deletes the row (the CLAIMED / RELEASED / REASSIGNED rows of the case's history keep what
 * was). The holder names an account (its username, the audit trail's actor id).
 */
export class CaseClaims1765300000000 implements MigrationInterface {
  name = 'CaseClaims1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE case_claims (
         application_id uuid PRIMARY KEY REFERENCES applications(id),
         holder text NOT NULL REFERENCES staff_accounts(username),
         claimed_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await q.query(`CREATE INDEX case_claims_by_holder ON case_claims (holder)`);
    await q.query(
      `ALTER TABLE staff_accounts ADD COLUMN lead boolean NOT NULL DEFAULT false
         CONSTRAINT staff_account_lead_is_officer CHECK (NOT lead OR role = 'officer')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_accounts DROP COLUMN lead`);
    await q.query(`DROP TABLE case_claims`);
  }
}
