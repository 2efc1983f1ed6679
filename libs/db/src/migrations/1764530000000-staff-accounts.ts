import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff accounts: each bound to exactly the window, jurisdiction or division its role needs (the
 * CHECK makes an officer without a jurisdiction, or a clerk with two bindings, impossible).
 */
export class StaffAccounts1764530000000 implements MigrationInterface {
  name = 'StaffAccounts1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9.-]{2,63}$'),
        password_hash text NOT NULL CHECK (password_hash ~ '^\\$2[aby]\\$'),
        role text NOT NULL,
        window_code text REFERENCES windows (code),
        jurisdiction_code text REFERENCES jurisdictions (code),
        division_code char(6) CHECK (division_code ~ '^[1-9][0-9]{5}$'),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT staff_account_binding CHECK (
          (role = 'clerk' AND window_code IS NOT NULL AND jurisdiction_code IS NULL AND division_code IS NULL)
          OR (role = 'officer' AND jurisdiction_code IS NOT NULL AND window_code IS NULL AND division_code IS NULL)
          OR (role = 'supervisor' AND division_code IS NOT NULL AND window_code IS NULL AND jurisdiction_code IS NULL)
          OR (role = 'admin' AND window_code IS NULL AND jurisdiction_code IS NULL AND division_code IS NULL)
        )
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_accounts`);
  }
}
