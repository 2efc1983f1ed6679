import { createHash, randomBytes } from 'node:crypto';
import { DEVELOPMENT_AUDIT_KEY, DEVELOPMENT_PII_KEY, loadConfig, PiiCipher } from '@app/common';
import {
  auditKeyFrom,
  auditRows,
  canonicalJson,
  legacyAuditHash,
  signLegacyChains,
  type AuditRow,
} from '@app/db';
import { rotatePiiKeyCommand } from '../apps/cli/src/rotate-pii-key';
import { verifyHistory } from '../apps/cli/src/verify-history';
import { applicant, CLERK, notarisationApplication, SUPERVISOR } from './support/fixtures';
import { startStack, type InProcessStack } from './support/stack';
import { receiveRowWithout } from './support/history';
import { printing } from './support/printing';
import { backToDevelopmentKey } from './support/pii-keys';
import { TEST_ENV } from './support/test-env';

/**
 * The audit trail is tamper-evident: an edited past row fails verification, which names it; the end
 * of the chain must match the case, and the chain is keyed (HMAC under AUDIT_KEY), so someone with
 * the database alone cannot remove its last row or re-hash a rewrite (issue 10 item 2).
 */
describe('tamper-evident history', () => {
  let api: InProcessStack;
  beforeAll(async () => {
    api = await startStack();
  });
  afterAll(() => api.stop());

  const clerk = CLERK;
  /** A case received, form-checked and identity-checked: three audit rows. */
  const receiveAndCheck = async (n: number, steps = 2) => {
    const { body: c } = await api.call('POST', '/applications', {
      ...clerk,
      body: notarisationApplication(n),
    });
    const events = [{ type: 'PASS_FORM_CHECK' }, { type: 'VERIFY_IDENTITY', method: 'face', passed: true }];
    for (const body of events.slice(0, steps)) {
      await api.call('POST', `/applications/${c.id}/events`, { ...clerk, body });
    }
    return c as { id: string; caseNumber: string };
  };
  const verdict = async (id: string) =>
    (await api.call('GET', `/applications/${id}/history/verify`, clerk)).body.verdict;
  /** Recomputes every row's `prev_hash` and `hash` of case `id` with `hashOf`, as an attacker would. */
  const rehash = async (id: string, hashOf: (row: AuditRow) => string, scheme?: 'sha256') => {
    let prevHash: string | null = null;
    for (const { id: rowId, hash: _h, hashScheme, ...fields } of await auditRows(api.dataSource, id)) {
      const hash = hashOf({ ...fields, prevHash });
      await api.dataSource.query(
        `UPDATE case_events SET prev_hash = $2, hash = $3, hash_scheme = $4 WHERE id = $1`,
        [rowId, prevHash, hash, scheme ?? hashScheme],
      );
      prevHash = hash;
    }
  };

  it('verifies an intact chain, then names the row edited in the database, over HTTP and from the CLI', async () => {
    const c = await receiveAndCheck(700);
    const intact = await api.call('GET', `/applications/${c.id}/history/verify`, clerk);
    expect(intact.body).toMatchObject({ caseNumber: c.caseNumber, verdict: { intact: true, rows: 3 } });

    // Someone with database access rewrites who passed the form check.
    await api.dataSource.query(
      `UPDATE case_events SET actor_id = 'clerk-forger' WHERE application_id = $1 AND seq = 2`,
      [c.id],
    );
    const [edited] = await api.dataSource.query(
      `SELECT id::text FROM case_events WHERE application_id = $1 AND seq = 2`,
      [c.id],
    );
    expect(await verdict(c.id)).toEqual({
      intact: false,
      rows: 3,
      brokenAt: { id: edited.id, seq: 2, reason: expect.stringContaining('changed') },
    });

    const { printed } = await printing(async () => {
      expect(await verifyHistory(TEST_ENV.DATABASE_URL, c.id)).toBe(1);
      // The number on the paper receipt names the case as well as its id.
      expect(await verifyHistory(TEST_ENV.DATABASE_URL, c.caseNumber)).toBe(1);
      expect(await verifyHistory(TEST_ENV.DATABASE_URL)).toBeGreaterThanOrEqual(1);
      await expect(verifyHistory(TEST_ENV.DATABASE_URL, '330900-20000101-999999')).rejects.toThrow(
        'case not found',
      );
    });
    expect(printed).toContain(`BROKEN ${c.caseNumber} (${c.id}): row id ${edited.id}, seq 2`);
  });

  it('reports a chain whose last row was deleted as broken: it ends before the case does', async () => {
    const c = await receiveAndCheck(710);
    await api.dataSource.query(`DELETE FROM case_events WHERE application_id = $1 AND seq = 3`, [c.id]);
    expect(await verdict(c.id)).toMatchObject({
      intact: false,
      rows: 2,
      brokenAt: { seq: 2, reason: expect.stringContaining('version 3') },
    });
  });

  it('reports a chain whose end does not hold the case state (state rolled back in the case row)', async () => {
    const c = await receiveAndCheck(711);
    await api.dataSource.query(`UPDATE applications SET state = 'received' WHERE id = $1`, [c.id]);
    expect(await verdict(c.id)).toMatchObject({
      intact: false,
      brokenAt: { seq: 3, reason: expect.stringContaining('received') },
    });
  });

  it('detects a row changed and every hash after it recomputed with plain SHA-256', async () => {
    const c = await receiveAndCheck(712);
    // The attacker knows the format (canonical JSON, SHA-256, prev_hash) but not AUDIT_KEY.
    await api.dataSource.query(
      `UPDATE case_events SET actor_id = 'clerk-forger' WHERE application_id = $1 AND seq = 2`,
      [c.id],
    );
    const sha256 = (row: AuditRow) => createHash('sha256').update(canonicalJson(row)).digest('hex');
    await rehash(c.id, sha256);
    expect(await verdict(c.id)).toMatchObject({ intact: false, brokenAt: { seq: 1 } });
    // Nor does labelling the rewritten rows as written before the key existed help.
    await rehash(c.id, sha256, 'sha256');
    expect(await verdict(c.id)).toMatchObject({
      intact: false,
      brokenAt: { seq: 1, reason: expect.stringContaining('plain SHA-256') },
    });
  });

  it('upgrade: re-signs an intact plain SHA-256 chain, refuses a broken one, and new events chain on', async () => {
    // Cases as the code before AUDIT_KEY left them: every row hashed with plain SHA-256.
    const intact = await receiveAndCheck(720, 1);
    const edited = await receiveAndCheck(721, 1);
    for (const c of [intact, edited]) await rehash(c.id, legacyAuditHash, 'sha256');
    await api.dataSource.query(
      `UPDATE case_events SET actor_id = 'clerk-forger' WHERE application_id = $1 AND seq = 1`,
      [edited.id],
    );

    const result = await api.dataSource.transaction((m) =>
      signLegacyChains(m, auditKeyFrom(DEVELOPMENT_AUDIT_KEY)),
    );
    expect(result.signed).toBeGreaterThanOrEqual(1);
    expect(result.refused).toContainEqual({
      applicationId: edited.id,
      caseNumber: edited.caseNumber,
      reason: expect.stringContaining('changed'),
    });
    expect(await verdict(intact.id)).toEqual({ intact: true, rows: 2 });
    expect(await verdict(edited.id)).toMatchObject({ intact: false, brokenAt: { seq: 1 } });

    const next = await api.call('POST', `/applications/${intact.id}/events`, {
      ...clerk,
      body: { type: 'VERIFY_IDENTITY', method: 'face', passed: true },
    });
    expect(next.status).toBe(200);
    expect(await verdict(intact.id)).toEqual({ intact: true, rows: 3 });
  });

  describe("the case row's facts against what its RECEIVE row signed", () => {
    const cipher = () => api.app.get(PiiCipher);
    const other = applicant(9_999);
    /** Each fact an attacker with the database alone might change, and how. */
    const tamperings: [column: string, set: () => [sql: string, params: string[]]][] = [
      // The number of another case (a swap makes two receipts name each other's case).
      ['case_number', () => [`case_number = $2`, ['330902-20000101-999999']]],
      ['jurisdiction_code', () => [`jurisdiction_code = $2`, ['J340100-RSJ']]], // another department
      ['window_code', () => [`window_code = $2`, ['W330903']]],
      ['item_code', () => [`item_code = $2`, ['KS1-002']]],
      ['applicant_name', () => [`applicant_name = $2`, ['张三']]],
      ['applicant_id_number', () => [`applicant_id_number = $2`, [cipher().encrypt(other.idNumber)]]],
      ['applicant_phone', () => [`applicant_phone = $2`, [cipher().encrypt(other.phone)]]],
      // Since issue 13: a natural person made a company, an agent or a mailing address slipped in.
      ['applicant_kind', () => [`applicant_kind = $2`, ['legal_person']]],
      ['agent', () => [`agent = $2`, [cipher().encrypt(JSON.stringify({ ...other, name: '张三' }))]]],
      [
        'mailing_address',
        () => [
          `mailing_address = $2`,
          [
            cipher().encrypt(
              JSON.stringify({ provinceCode: '330000', cityCode: '330900', districtCode: '330902' }),
            ),
          ],
        ],
      ],
    ];

    it.each(tamperings)(
      'reports %s changed in the case row, naming the RECEIVE row, over HTTP and from the CLI',
      async (column, set) => {
        const c = await receiveAndCheck(740 + tamperings.findIndex(([name]) => name === column));
        expect(await verdict(c.id)).toEqual({ intact: true, rows: 3 });
        const [sql, params] = set();
        await api.dataSource.query(`UPDATE applications SET ${sql} WHERE id = $1`, [c.id, ...params]);
        const [receive] = await auditRows(api.dataSource, c.id);
        const reason = `${column} differs from what the RECEIVE row signed`;
        // The case as the row now names it (another number when that is what was changed).
        const [{ case_number: caseNumber }] = await api.dataSource.query(
          `SELECT case_number FROM applications WHERE id = $1`,
          [c.id],
        );

        // The supervisor of the division still sees a case moved to another window or department.
        const res = await api.call('GET', `/applications/${c.id}/history/verify`, SUPERVISOR);
        expect(res.body).toEqual({
          applicationId: c.id,
          caseNumber,
          verdict: { intact: false, rows: 3, brokenAt: { id: receive.id, seq: 1, reason } },
        });
        const { result, printed } = await printing(() => verifyHistory(TEST_ENV.DATABASE_URL, caseNumber));
        expect(result).toBe(1);
        expect(printed).toContain(`BROKEN ${caseNumber} (${c.id}): row id ${receive.id}, seq 1: ${reason}\n`);
      },
    );

    it('keeps a RECEIVE row written before it signed the applicant intact, saying what it does not cover', async () => {
      const c = await receiveAndCheck(750, 0);
      // A RECEIVE row as the code before this change wrote it (no applicant digest), signed under the key.
      expect(await receiveRowWithout(api.dataSource, c.id, 'applicantDigest')).toBeDefined();
      const unsigned = ['applicant_name', 'applicant_id_type', 'applicant_id_number', 'applicant_phone'];
      expect(await verdict(c.id)).toEqual({ intact: true, rows: 1, unsigned });
      const { result, printed } = await printing(() => verifyHistory(TEST_ENV.DATABASE_URL, c.id));
      expect(result).toBe(0);
      expect(printed).toContain(`UNSIGNED ${c.caseNumber} (${c.id}): ${unsigned.join(', ')}`);
      // What it does sign is still compared.
      await api.dataSource.query(`UPDATE applications SET jurisdiction_code = 'J340100-RSJ' WHERE id = $1`, [
        c.id,
      ]);
      expect(await verdict(c.id)).toMatchObject({
        intact: false,
        brokenAt: { seq: 1, reason: 'jurisdiction_code differs from what the RECEIVE row signed' },
      });
    });

    it('keeps an untouched case intact across a PII key rotation (the digest is over the plaintext)', async () => {
      const c = await receiveAndCheck(751);
      const saved = { PII_KEY: process.env.PII_KEY, PII_PREVIOUS_KEYS: process.env.PII_PREVIOUS_KEYS };
      const useKeys = (current: string, previous: string[] = []) => {
        process.env.PII_KEY = current;
        process.env.PII_PREVIOUS_KEYS = previous.join(',');
      };
      const newKey = randomBytes(32).toString('base64');
      try {
        useKeys(newKey, [DEVELOPMENT_PII_KEY]);
        await printing(() => rotatePiiKeyCommand(loadConfig(), { abandonQueryCodes: true }));
        const [row] = await api.dataSource.query(`SELECT applicant_phone FROM applications WHERE id = $1`, [
          c.id,
        ]);
        expect(row.applicant_phone).toMatch(new RegExp(`^v2:${new PiiCipher(newKey).currentKeyId}:`));
        useKeys(newKey);
        const { result, printed } = await printing(() => verifyHistory(TEST_ENV.DATABASE_URL, c.id));
        expect(printed).toBe('1 case(s) checked, 0 broken\n');
        expect(result).toBe(0);
      } finally {
        await backToDevelopmentKey(api.dataSource, newKey);
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
      expect(await verdict(c.id)).toEqual({ intact: true, rows: 3 });
    });
  });
});
