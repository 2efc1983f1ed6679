import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first schema: catalogue, windows, jurisdictions, applications and their records, outbox. */
export class InitialSchema1764460000000 implements MigrationInterface {
  name = 'InitialSchema1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_items (
        code text PRIMARY KEY,
        batch smallint NOT NULL CHECK (batch IN (1, 2, 3)),
        seq smallint NOT NULL,
        name text NOT NULL,
        scenario text NOT NULL,
        lead_department text,
        cooperating_departments text[] NOT NULL DEFAULT '{}',
        authority_note text,
        deadline_text text,
        deadline_date date,
        linked_codes text[] NOT NULL DEFAULT '{}',
        handling_modes text[] NOT NULL,
        originals_must_travel boolean NOT NULL,
        negative_list boolean NOT NULL,
        time_limit_working_days smallint NOT NULL CHECK (time_limit_working_days > 0),
        result_delivery_methods text[] NOT NULL,
        checklist jsonb NOT NULL,
        checklist_is_default boolean NOT NULL,
        UNIQUE (batch, seq)
      )`);
    await q.query(`
      CREATE TABLE windows (
        code text PRIMARY KEY,
        name text NOT NULL,
        division_code char(6) NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
        division_name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE jurisdictions (
        code text PRIMARY KEY,
        name text NOT NULL,
        division_code char(6) NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
        division_name text NOT NULL,
        department text NOT NULL
      )`);
    await q.query(`CREATE SEQUENCE case_number_seq`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_number text NOT NULL UNIQUE,
        query_code text NOT NULL,
        item_code text NOT NULL REFERENCES service_items (code),
        window_code text NOT NULL REFERENCES windows (code),
        jurisdiction_code text NOT NULL REFERENCES jurisdictions (code),
        applicant_name text NOT NULL,
        applicant_id_type text NOT NULL,
        applicant_id_number text NOT NULL,
        applicant_phone text NOT NULL,
        state text NOT NULL,
        snapshot jsonb NOT NULL,
        machine_version int NOT NULL,
        version int NOT NULL CHECK (version > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX applications_inbox_idx ON applications (jurisdiction_code, state)`);
    await q.query(`CREATE INDEX applications_window_idx ON applications (window_code, state)`);
    await q.query(`
      CREATE TABLE materials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        name text NOT NULL,
        form text NOT NULL CHECK (form IN ('original', 'copy', 'electronic')),
        pages int CHECK (pages > 0),
        stage text NOT NULL CHECK (stage IN ('receive', 'resubmit', 'supplement')),
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX materials_application_idx ON materials (application_id)`);
    await q.query(`
      CREATE TABLE transfers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications (id),
        direction text NOT NULL CHECK (direction IN ('forward', 'result')),
        channel text NOT NULL CHECK (channel IN ('courier', 'scan', 'mail', 'online')),
        waybill_number text,
        scan_digests text[],
        status text NOT NULL CHECK (status IN ('in_transit', 'delivered', 'failed')),
        failure_reason text,
        dispatched_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX transfers_application_idx ON transfers (application_id)`);
    await q.query(`
      CREATE TABLE case_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications (id),
        seq int NOT NULL,
        event_id text,
        type text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor_role text NOT NULL,
        actor_id text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        prev_hash text,
        hash text NOT NULL,
        UNIQUE (application_id, seq),
        UNIQUE (application_id, event_id)
      )`);
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications (id),
        queue text NOT NULL,
        payload jsonb NOT NULL,
        delay_ms int NOT NULL DEFAULT 0 CHECK (delay_ms >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz,
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'case_events', 'transfers', 'materials', 'applications']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP SEQUENCE case_number_seq`);
    for (const table of ['jurisdictions', 'windows', 'service_items']) await q.query(`DROP TABLE ${table}`);
  }
}
