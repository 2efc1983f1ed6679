import snapshotsV1 from '../libs/workflow/src/__fixtures__/snapshots-v1.json';
import { CASE_MACHINE_VERSION } from '@app/workflow';
import snapshotsV2 from '../libs/workflow/src/__fixtures__/snapshots-v2.json';
import { CLERK, OFFICER, nextWaybill, notarisationApplication } from './support/fixtures';
import { rowCounts } from './support/row-counts';
import { startStack, type InProcessStack } from './support/stack';

/**
 * Cases stored by an older machine keep working after the machine changes; a snapshot nobody can
 * read is flagged for manual handling, and no endpoint answers 500 for it.
 */
describe('cases saved by older machine versions', () => {
  let api: InProcessStack;
  let n = 500;
  beforeAll(async () => {
    api = await startStack();
  });
  afterAll(() => api.stop());

  const clerk = CLERK;
  const officer = OFFICER;

  /**
   * A case received through the api, then stored as `snapshot` in `state`, as an old release left
   * it; when `arrived`, with its papers delivered to the home jurisdiction (a delivered transfer).
   */
  const storedAs = async (state: string, snapshot: unknown, arrived = false) => {
    const { body } = await api.call('POST', '/applications', {
      ...clerk,
      body: notarisationApplication(++n),
    });
    await api.dataSource.query(`UPDATE applications SET state = $2, snapshot = $3 WHERE id = $1`, [
      body.id,
      state,
      JSON.stringify(snapshot),
    ]);
    if (arrived) {
      await api.dataSource.query(
        `INSERT INTO transfers (application_id, direction, channel, waybill_number, status, delivered_at)
       VALUES ($1, 'forward', 'courier', $2, 'delivered', now())`,
        [body.id, nextWaybill()],
      );
    }
    return body as { id: string; caseNumber: string; queryCode: string };
  };

  it('reads a version 1 case, lets the officer act on it, and stores it at the current version', async () => {
    const c = await storedAs(
      'forwarded.awaitingAcceptance',
      snapshotsV1['forwarded.awaitingAcceptance'],
      true,
    );
    const view = (await api.call('GET', `/applications/${c.id}`, officer)).body;
    expect(view).toMatchObject({
      needsManualHandling: false,
      allowedEvents: ['ACCEPT', 'REQUEST_SUPPLEMENT', 'REFUSE'],
    });
    expect((await api.call('GET', `/track/${c.caseNumber}?code=${c.queryCode}`)).body.stateLabel).toBe(
      '待受理',
    );

    const accepted = await api.call('POST', `/applications/${c.id}/events`, {
      ...officer,
      body: { type: 'ACCEPT' },
    });
    expect(accepted.body).toMatchObject({ state: 'accepted.processing' });
    const [row] = await api.dataSource.query(`SELECT snapshot FROM applications WHERE id = $1`, [c.id]);
    expect(row.snapshot).toMatchObject({ machineVersion: CASE_MACHINE_VERSION });
    // Version 5 keeps no deemed acceptance in the context: the history's DEEM_ACCEPTED row says it.
    expect(row.snapshot.context).not.toHaveProperty('deemedAccepted');
  });

  it.each([
    [
      'an unknown machine version',
      'accepted.processing',
      { ...snapshotsV1['accepted.processing'], machineVersion: 99 },
    ],
    [
      'a state that no longer exists',
      'archived',
      { ...snapshotsV1.received, machineVersion: 2, value: 'archived' },
    ],
    ['a malformed snapshot', 'received', { broken: true }],
  ])('flags %s for manual handling instead of failing', async (_what, state, snapshot) => {
    const c = await storedAs(state, snapshot);
    const tracked = await api.call('GET', `/track/${c.caseNumber}?code=${c.queryCode}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({
      stateLabel: '人工处理中',
      nextStep: expect.stringContaining('人工处理'),
    });

    const view = await api.call('GET', `/applications/${c.id}`, clerk);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ needsManualHandling: true, allowedEvents: [] });

    const before = await rowCounts(api.dataSource);
    const refused = await api.call('POST', `/applications/${c.id}/events`, {
      ...clerk,
      body: { type: 'WITHDRAW', reason: '申请人撤回' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({ reason: 'manual_handling', allowedEvents: [] });
    expect(await rowCounts(api.dataSource)).toEqual(before);
  });

  /** A version 2 snapshot of `state` whose context has `broken` in place of its own fields. */
  const v2With = (state: keyof typeof snapshotsV2, broken: Record<string, unknown>) => ({
    ...snapshotsV2[state],
    context: { ...snapshotsV2[state].context, ...broken },
  });

  it.each([
    [
      'required materials that are not a list',
      'received',
      v2With('received', { requiredMaterials: '公证申请表' }),
    ],
    [
      'materials handed in that are not a list',
      'formChecked',
      v2With('formChecked', { materialsHandedIn: 5 }),
    ],
    ['materials that are not names', 'received', v2With('received', { requiredMaterials: [7, null] })],
    [
      'result delivery methods that are not a list',
      'accepted.concluded',
      v2With('accepted.concluded', { resultDeliveryMethods: null }),
    ],
    [
      'a counter that is not a number',
      'formChecked',
      v2With('formChecked', { failedIdentityAttempts: 'two' }),
    ],
  ])(
    'flags an older snapshot with %s for manual handling: staff and tracking answer, events 409',
    async (_what, state, snapshot) => {
      const c = await storedAs(state, snapshot, true);
      const tracked = await api.call('GET', `/track/${c.caseNumber}?code=${c.queryCode}`);
      expect(tracked.status).toBe(200);
      expect(tracked.body).toMatchObject({ state, stateLabel: '人工处理中' });

      for (const who of [clerk, officer]) {
        const view = await api.call('GET', `/applications/${c.id}`, who);
        expect(view.status).toBe(200);
        expect(view.body).toMatchObject({ needsManualHandling: true, allowedEvents: [] });
      }

      const before = await rowCounts(api.dataSource);
      const events = [
        { who: clerk, body: { type: 'WITHDRAW', reason: '申请人撤回' } },
        { who: officer, body: { type: 'DISPATCH_RESULT', method: 'online' } },
      ];
      for (const { who, body } of events) {
        const refused = await api.call('POST', `/applications/${c.id}/events`, { ...who, body });
        expect(refused.status).toBe(409);
        expect(refused.body.details).toMatchObject({ reason: 'manual_handling', allowedEvents: [] });
      }
      const withdrawn = await api.call('POST', `/track/${c.caseNumber}/withdraw?code=${c.queryCode}`, {
        body: { reason: '不再需要' },
      });
      expect(withdrawn.status).toBe(409);
      expect(await rowCounts(api.dataSource)).toEqual(before);
    },
  );
});
