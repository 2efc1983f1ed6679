import { createCipheriv, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { importCatalogue, loadCatalogueSeeds } from '@app/catalogue';
import { DEVELOPMENT_AUDIT_KEY, DEVELOPMENT_PII_KEY, PiiCipher } from '@app/common';
import {
  auditKeyFrom,
  auditRows,
  dataSourceOptions,
  ensureDatabase,
  legacyAuditHash,
  MIGRATIONS,
  verifyChain,
  type AuditRow,
} from '@app/db';
import { TEST_ENV } from './support/test-env';

/** A value as the code before key ids wrote it: `v1:<base64 of iv | tag | ciphertext>`. */
function v1(key: string, plaintext: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
}

/**
 * A database deployed before issue 10 (query codes in clear, `v1:` values, plain SHA-256 audit
 * chains) upgraded by the migrations: a wrong PII_KEY stops them naming it; the right one hashes the
 * query codes, names the key in every value and re-signs each intact chain under AUDIT_KEY.
 */
describe('upgrading a deployed database', () => {
  const url = new URL(TEST_ENV.DATABASE_URL);
  url.pathname = `${url.pathname}_upgrade`;
  const firstNew = MIGRATIONS.findIndex((m) => m.name === 'KeyedAuditChain1764610000000');
  const saved = process.env.PII_KEY;
  let ds: DataSource;
  beforeAll(async () => {
    await ensureDatabase(url.toString());
    ds = await new DataSource({
      ...dataSourceOptions(url.toString(), 2),
      migrations: MIGRATIONS.slice(0, firstNew),
    }).initialize();
    await ds.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await ds.runMigrations({ transaction: 'each' });
    // This release's catalogue onto the old schema: the item columns a later migration adds are lent
    // for the import and taken back, so that migration finds the schema as it was.
    await ds.query(
      `ALTER TABLE service_items ADD COLUMN promised_limit_working_days smallint,
         ADD COLUMN clock_budgets jsonb NOT NULL DEFAULT '{}', ADD COLUMN postage_paid_by text`,
    );
    await importCatalogue(ds, loadCatalogueSeeds());
    await ds.query(
      `ALTER TABLE service_items DROP COLUMN promised_limit_working_days, DROP COLUMN clock_budgets,
         DROP COLUMN postage_paid_by`,
    );
  });
  afterAll(async () => {
    process.env.PII_KEY = saved;
    await ds.destroy();
  });

  /** A legacy case at version 2 (formChecked) with its two audit rows hashed as before. */
  const legacyCase = async (caseNumber: string, tamper: boolean) => {
    const [{ id }] = await ds.query(
      `INSERT INTO applications (case_number, query_code, item_code, window_code, jurisdiction_code,
         applicant_name, applicant_id_type, applicant_id_number, applicant_id_hash, applicant_phone, state,
         snapshot, machine_version, version)
       VALUES ($1, '042917', 'KS1-001', 'W330902', 'J310115-SFJ', '林晓岚', 'resident_id', $2, $3, $4,
         'formChecked', '{}', 1, 2) RETURNING id`,
      [
        caseNumber,
        v1(DEVELOPMENT_PII_KEY, '330902199003072157'),
        new PiiCipher(DEVELOPMENT_PII_KEY).lookupHash('330902199003072157'),
        v1(DEVELOPMENT_PII_KEY, '13800570001'),
      ],
    );
    let prevHash: string | null = null;
    for (const [seq, type, fromState, toState] of [
      [1, 'RECEIVE', null, 'received'],
      [2, 'PASS_FORM_CHECK', 'received', 'formChecked'],
    ] as const) {
      const row: AuditRow = {
        applicationId: id,
        seq,
        eventId: null,
        type,
        fromState,
        toState,
        actorRole: 'clerk',
        actorId: 'clerk-w330902',
        payload: {},
        occurredAt: new Date(Date.UTC(2026, 10, 1, 2, 0, seq)),
        prevHash,
      };
      const hash = legacyAuditHash(row);
      await ds.query(
        `INSERT INTO case_events (application_id, seq, event_id, type, from_state, to_state, actor_role,
           actor_id, payload, occurred_at, prev_hash, hash) VALUES ($1, $2, NULL, $3, $4, $5, 'clerk', $6, '{}', $7, $8, $9)`,
        [
          id,
          seq,
          type,
          fromState,
          toState,
          tamper && seq === 1 ? 'clerk-forger' : row.actorId,
          row.occurredAt,
          prevHash,
          hash,
        ],
      );
      prevHash = hash;
    }
    return id as string;
  };

  it('refuses a wrong PII_KEY naming it, then upgrades keys, query codes and audit chains under the right one', async () => {
    const intact = await legacyCase('330902-20261101-000001', false);
    const broken = await legacyCase('330902-20261101-000002', true);

    process.env.PII_KEY = randomBytes(32).toString('base64');
    const all = new DataSource({ ...dataSourceOptions(url.toString(), 2) });
    await all.initialize();
    try {
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        await expect(all.runMigrations({ transaction: 'each' })).rejects.toThrow(
          /^PII_KEY: the configured key cannot read the personal data of case 330902-20261101-000001/,
        );
        process.env.PII_KEY = DEVELOPMENT_PII_KEY;
        await all.runMigrations({ transaction: 'each' });
        expect(stderr.mock.calls.join('')).toContain('330902-20261101-000002');
      } finally {
        stderr.mockRestore();
      }
      const cipher = new PiiCipher(DEVELOPMENT_PII_KEY);
      const [row] = await all.query(`SELECT * FROM applications WHERE id = $1`, [intact]);
      expect(row.query_code).toBeUndefined();
      expect(cipher.checkQueryCode(row.query_code_hash, row.case_number, '042917')).toBe('current');
      expect(row.applicant_id_number).toMatch(new RegExp(`^v2:${cipher.currentKeyId}:`));
      expect(cipher.decrypt(row.applicant_id_number)).toBe('330902199003072157');
      expect(await all.query(`SELECT key_id FROM pii_keys`)).toEqual([{ key_id: cipher.currentKeyId }]);

      const chain = async (id: string) =>
        verifyChain(await auditRows(all, id), auditKeyFrom(DEVELOPMENT_AUDIT_KEY), {
          version: 2,
          state: 'formChecked',
          caseNumber: (await all.query(`SELECT case_number FROM applications WHERE id = $1`, [id]))[0]
            .case_number,
          itemCode: 'KS1-001',
          windowCode: 'W330902',
          jurisdictionCode: 'J310115-SFJ',
          applicant: {
            name: '林晓岚',
            idType: 'resident_id',
            idNumber: '330902199003072157',
            phone: '13800570001',
          },
          scans: [],
          evaluation: null,
        });
      // Its RECEIVE row signed none of the case's facts then: intact, and it says so.
      expect(await chain(intact)).toEqual({
        intact: true,
        rows: 2,
        unsigned: [
          'case_number',
          'item_code',
          'window_code',
          'jurisdiction_code',
          'applicant_name',
          'applicant_id_type',
          'applicant_id_number',
          'applicant_phone',
        ],
      });
      expect(await chain(broken)).toMatchObject({ intact: false, brokenAt: { seq: 1 } });
    } finally {
      await all.destroy();
    }
  });
});
