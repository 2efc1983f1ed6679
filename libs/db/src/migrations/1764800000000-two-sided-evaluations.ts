import type { MigrationInterface, QueryRunner } from 'typeorm';

const GRADES = `('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')`;

/**
 * Issue 12 item 7: both sides of a proxy case are rated (好差评). `grade` becomes the receiving
 * window's grade (`window_grade`) and the home jurisdiction's is added (`jurisdiction_grade`); an
 * evaluation given before rated the service as a whole, so it stands for both sides. Its EVALUATED
 * history row recorded one `grade`, which verification reads as both (history-records.ts).
 */
export class TwoSidedEvaluations1764800000000 implements MigrationInterface {
  name = 'TwoSidedEvaluations1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluations RENAME COLUMN grade TO window_grade`);
    await q.query(
      `ALTER TABLE evaluations ADD COLUMN jurisdiction_grade text CHECK (jurisdiction_grade IN ${GRADES})`,
    );
    await q.query(`UPDATE evaluations SET jurisdiction_grade = window_grade`);
    await q.query(`ALTER TABLE evaluations ALTER COLUMN jurisdiction_grade SET NOT NULL`);
  }

  /** Keeps the window's grade as the one grade: a jurisdiction's grade that differed is lost. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluations DROP COLUMN jurisdiction_grade`);
    await q.query(`ALTER TABLE evaluations RENAME COLUMN window_grade TO grade`);
  }
}
