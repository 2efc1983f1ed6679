import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 item 3: a 差评 opens a rectification clock (整改时限) for each side rated badly, the
 * receiving window's and the home jurisdiction's, both on one case at once. One open clock per case
 * and stage becomes one per case, stage and party; every other stage has a single party
 * (CLOCK_STAGE_PARTIES), so for them nothing changes.
 */
export class RectificationClockPerParty1764830000000 implements MigrationInterface {
  name = 'RectificationClockPerParty1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX clocks_one_open_per_stage`);
    await q.query(
      `CREATE UNIQUE INDEX clocks_one_open_per_stage_party ON clocks (application_id, stage, party)
         WHERE status <> 'stopped'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Two open rectification clocks of one case cannot both stay: the jurisdiction's is kept.
    await q.query(
      `UPDATE clocks SET status = 'stopped', stopped_at = now(), outcome = 'withdrawn',
              due_at = coalesce(due_at, now()), due_date = coalesce(due_date, counted_from)
        WHERE stage = 'rectification' AND party = 'window' AND status <> 'stopped'
          AND application_id IN (SELECT application_id FROM clocks
                                  WHERE stage = 'rectification' AND party <> 'window' AND status <> 'stopped')`,
    );
    await q.query(`DROP INDEX clocks_one_open_per_stage_party`);
    await q.query(
      `CREATE UNIQUE INDEX clocks_one_open_per_stage ON clocks (application_id, stage) WHERE status <> 'stopped'`,
    );
  }
}
