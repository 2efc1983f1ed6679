import { createHash } from 'node:crypto';
import { DEVELOPMENT_AUDIT_KEY } from '@app/common';
import { auditKeyFrom, canonicalJson, legacyAuditHash, signLegacyChains, type AuditRow } from '@app/db';
import { verifyHistory } from '../apps/cli/src/verify-history';
import { CLERK, notarisationApplication } from './support/fixtures';
import { startApi, type ApiHandle } from './support/harness';
import { TEST_ENV } from './support/test-env';

/** The audit trail is tamper-evident: an edited past row fails verification, which names it. */
describe('tamper-evident history', () => {
  let api: ApiHandle;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const clerk = CLERK;

  it('verifies an intact chain, then names the row edited in the database, over HTTP and from the CLI', async () => {
    const { body: c } = await api.call('POST', '/applications', {
      ...clerk,
      body: notarisationApplication(700),
    });
    await api.call('POST', `/applications/${c.id}/events`, { ...clerk, body: { type: 'PASS_FORM_CHECK' } });
    await api.call('POST', `/applications/${c.id}/events`, {
      ...clerk,
      body: { type: 'VERIFY_IDENTITY', method: 'face', passed: true },
    });
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
    const broken = await api.call('GET', `/applications/${c.id}/history/verify`, clerk);
    expect(broken.body.verdict).toEqual({
      intact: false,
      rows: 3,
      brokenAt: { id: edited.id, seq: 2, reason: expect.stringContaining('changed') },
    });

    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((s) => printed.push(String(s)) > 0);
    try {
      expect(await verifyHistory(TEST_ENV.DATABASE_URL, c.id)).toBe(1);
      expect(await verifyHistory(TEST_ENV.DATABASE_URL)).toBeGreaterThanOrEqual(1);
    } finally {
      write.mockRestore();
    }
    expect(printed.join('')).toContain(`BROKEN ${c.caseNumber} (${c.id}): row id ${edited.id}, seq 2`);
  });
});

/**
 * Issue 10 item 2: the end of the chain must match the case, and the chain is keyed (HMAC under
 * AUDIT_KEY), so someone with the database alone cannot remove its last row or re-hash a rewrite.
 */
describe('history rewritten with database access alone', () => {
  let api: ApiHandle;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const clerk = CLERK;
  const receiveAndCheck = async (n: number) => {
    const { body: c } = await api.call('POST', '/applications', {
      ...clerk,
      body: notarisationApplication(n),
    });
    await api.call('POST', `/applications/${c.id}/events`, { ...clerk, body: { type: 'PASS_FORM_CHECK' } });
    await api.call('POST', `/applications/${c.id}/events`, {
      ...clerk,
      body: { type: 'VERIFY_IDENTITY', method: 'face', passed: true },
    });
    return c as { id: string; caseNumber: string };
  };
  const verdict = async (id: string) =>
    (await api.call('GET', `/applications/${id}/history/verify`, clerk)).body;

  it('reports a chain whose last row was deleted as broken: it ends before the case does', async () => {
    const c = await receiveAndCheck(710);
    await api.dataSource.query(`DELETE FROM case_events WHERE application_id = $1 AND seq = 3`, [c.id]);
    expect((await verdict(c.id)).verdict).toMatchObject({
      intact: false,
      rows: 2,
      brokenAt: { seq: 2, reason: expect.stringContaining('version 3') },
    });
  });

  it('reports a chain whose end does not hold the case state (state rolled back in the case row)', async () => {
    const c = await receiveAndCheck(711);
    await api.dataSource.query(`UPDATE applications SET state = 'received' WHERE id = $1`, [c.id]);
    expect((await verdict(c.id)).verdict).toMatchObject({
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
    const rows: (AuditRow & { id: string })[] = await api.dataSource.query(
      `SELECT id::text, application_id AS "applicationId", seq, event_id AS "eventId", type,
              from_state AS "fromState", to_state AS "toState", actor_role AS "actorRole",
              actor_id AS "actorId", payload, occurred_at AS "occurredAt", prev_hash AS "prevHash"
         FROM case_events WHERE application_id = $1 ORDER BY seq`,
      [c.id],
    );
    let prev: string | null = null;
    for (const { id, ...fields } of rows) {
      const hash: string = createHash('sha256')
        .update(canonicalJson({ ...fields, prevHash: prev }))
        .digest('hex');
      await api.dataSource.query(`UPDATE case_events SET prev_hash = $2, hash = $3 WHERE id = $1`, [
        id,
        prev,
        hash,
      ]);
      prev = hash;
    }
    expect((await verdict(c.id)).verdict).toMatchObject({ intact: false, brokenAt: { seq: 1 } });
    // Nor does labelling the rewritten rows as written before the key existed help.
    await api.dataSource.query(`UPDATE case_events SET hash_scheme = 'sha256' WHERE application_id = $1`, [
      c.id,
    ]);
    expect((await verdict(c.id)).verdict).toMatchObject({ intact: false, brokenAt: { seq: 1 } });
  });
});

/**
 * Databases deployed before AUDIT_KEY hold plain SHA-256 chains: the migration re-signs each intact
 * one under the key, once, and refuses a broken one (it keeps failing verification).
 */
describe('upgrading chains hashed with plain SHA-256', () => {
  let api: ApiHandle;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const clerk = CLERK;
  /** A case as the code before AUDIT_KEY left it: every row hashed with plain SHA-256. */
  const legacyCase = async (n: number) => {
    const { body: c } = await api.call('POST', '/applications', {
      ...clerk,
      body: notarisationApplication(n),
    });
    await api.call('POST', `/applications/${c.id}/events`, { ...clerk, body: { type: 'PASS_FORM_CHECK' } });
    const rows: (AuditRow & { id: string })[] = await api.dataSource.query(
      `SELECT id::text, application_id AS "applicationId", seq, event_id AS "eventId", type,
              from_state AS "fromState", to_state AS "toState", actor_role AS "actorRole",
              actor_id AS "actorId", payload, occurred_at AS "occurredAt"
         FROM case_events WHERE application_id = $1 ORDER BY seq`,
      [c.id],
    );
    let prevHash: string | null = null;
    for (const { id, ...fields } of rows) {
      const hash = legacyAuditHash({ ...fields, prevHash });
      await api.dataSource.query(
        `UPDATE case_events SET prev_hash = $2, hash = $3, hash_scheme = 'sha256' WHERE id = $1`,
        [id, prevHash, hash],
      );
      prevHash = hash;
    }
    return c as { id: string; caseNumber: string };
  };
  const verdict = async (id: string) =>
    (await api.call('GET', `/applications/${id}/history/verify`, clerk)).body.verdict;

  it('re-signs an intact legacy chain, refuses a broken one, and new events chain on', async () => {
    const intact = await legacyCase(720);
    const edited = await legacyCase(721);
    await api.dataSource.query(
      `UPDATE case_events SET actor_id = 'clerk-forger' WHERE application_id = $1 AND seq = 1`,
      [edited.id],
    );
    expect(await verdict(intact.id)).toMatchObject({
      intact: false,
      brokenAt: { seq: 1, reason: expect.stringContaining('plain SHA-256') },
    });

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
