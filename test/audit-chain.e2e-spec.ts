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
