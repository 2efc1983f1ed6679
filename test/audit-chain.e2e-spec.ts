import { createHash } from 'node:crypto';
import { DEVELOPMENT_AUDIT_KEY } from '@app/common';
import {
  auditKeyFrom,
  auditRows,
  canonicalJson,
  legacyAuditHash,
  signLegacyChains,
  type AuditRow,
} from '@app/db';
import { verifyHistory } from '../apps/cli/src/verify-history';
import { CLERK, notarisationApplication } from './support/fixtures';
import { startApi, type ApiHandle } from './support/harness';
import { TEST_ENV } from './support/test-env';

/**
 * The audit trail is tamper-evident: an edited past row fails verification, which names it; the end
 * of the chain must match the case, and the chain is keyed (HMAC under AUDIT_KEY), so someone with
 * the database alone cannot remove its last row or re-hash a rewrite (issue 10 item 2).
 */
describe('tamper-evident history', () => {
  let api: ApiHandle;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

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

    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((s) => printed.push(String(s)) > 0);
    try {
      expect(await verifyHistory(TEST_ENV.DATABASE_URL, c.id)).toBe(1);
      // The number on the paper receipt names the case as well as its id.
      expect(await verifyHistory(TEST_ENV.DATABASE_URL, c.caseNumber)).toBe(1);
      expect(await verifyHistory(TEST_ENV.DATABASE_URL)).toBeGreaterThanOrEqual(1);
      await expect(verifyHistory(TEST_ENV.DATABASE_URL, '330900-20000101-999999')).rejects.toThrow(
        'case not found',
      );
    } finally {
      write.mockRestore();
    }
    expect(printed.join('')).toContain(`BROKEN ${c.caseNumber} (${c.id}): row id ${edited.id}, seq 2`);
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
});
