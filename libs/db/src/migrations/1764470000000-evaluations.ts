import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Service evaluations (好差评): one per case, five grades. */
export class Evaluations1764470000000 implements MigrationInterface {
  name = 'Evaluations1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluations (
        application_id uuid PRIMARY KEY REFERENCES applications (id),
        grade text NOT NULL CHECK (grade IN
          ('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
        comment text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evaluations`);
  }
}
