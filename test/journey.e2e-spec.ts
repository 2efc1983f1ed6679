import { DEVELOPMENT_AUDIT_KEY } from '@app/common';
import { auditHash, auditKeyFrom } from '@app/db';
import { CLERK, OFFICER, notarisationApplication } from './support/fixtures';
import { checkInCase } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
import { eventually, pause } from './support/waiting';

/**
 * The spine of a proxy-acceptance case against real PostgreSQL, Redis and BullMQ: a clerk in 定海区
 * receives 学历公证 for 上海市浦东新区, forwards it by courier in a parcel; the case awaits acceptance
 * only once the parcel's tracking job has seen the carrier deliver it and the officer has checked it
 * in (签收); the officer accepts, approves and
 * dispatches; the delivery job delivers; the applicant follows it all.
 */
describe('a case through every step of the spine', () => {
  let api: InProcessStack;

  beforeAll(async () => {
    api = await startStack();
  });
  afterAll(() => api.stop());

  const clerk = CLERK;
  const officer = OFFICER;
  const inbox = async (query = '') =>
    (await api.call('GET', `/inbox?jurisdiction=J310115-SFJ&pageSize=200${query}`, officer)).body;
  const inboxIds = async () => (await inbox()).cases.map((c: { id: string }) => c.id);

  it('is received, checked, forwarded, delivered, decided and its result delivered', async () => {
    const received = await api.call('POST', '/applications', { ...clerk, body: notarisationApplication(1) });
    expect(received.status).toBe(201);
    expect(received.body).toMatchObject({ state: 'received', version: 1 });
    expect(received.body.caseNumber).toMatch(/^330902-\d{8}-\d{6}$/);
    expect(received.body.queryCode).toMatch(/^\d{6}$/);
    const { id, caseNumber, queryCode } = received.body;

    const send = async (actor: { as: string }, body: object, expectedState: string) => {
      const res = await api.call('POST', `/applications/${id}/events`, { ...actor, body });
      expect({ status: res.status, state: res.body.state }).toEqual({ status: 200, state: expectedState });
      return res.body;
    };
    const stateOf = async () => (await api.call('GET', `/applications/${id}`, clerk)).body.state;

    await send(clerk, { type: 'PASS_FORM_CHECK' }, 'formChecked');
    await send(
      clerk,
      { type: 'VERIFY_IDENTITY', method: 'id-card-reader+face', passed: true },
      'identityVerified',
    );
    const forwarded = await send(
      clerk,
      { type: 'FORWARD', channel: 'courier', waybillNumber: 'SF1000000001' },
      'forwarded.inParcel',
    );
    expect(forwarded.allowedEvents).toEqual(['WITHDRAW']);
    const awaitingIds = async () =>
      (await inbox('&state=forwarded.awaitingAcceptance')).cases.map((c: { id: string }) => c.id);

    // No worker yet: the parcel's tracking job cannot run, so the carrier never reports it delivered,
    // however long we wait, and the case is not awaiting acceptance.
    await pause(1000);
    expect(await stateOf()).toBe('forwarded.inParcel');
    expect(await awaitingIds()).not.toContain(id);

    // The carrier delivers: the parcel waits at the door for the officer's check-in (签收), still not
    // in the acceptance queue.
    await api.startWorker();
    await eventually(stateOf, (s) => s === 'forwarded.awaitingCheckIn', {
      what: `case ${caseNumber} delivered to the home jurisdiction`,
    });
    expect(await awaitingIds()).not.toContain(id);
    await checkInCase(api.call, officer, id);
    expect(await stateOf()).toBe('forwarded.awaitingAcceptance');
    expect(await inboxIds()).toContain(id);
    const awaiting = await inbox('&state=forwarded.awaitingAcceptance');
    expect(awaiting.cases.find((c: { id: string }) => c.id === id)).toMatchObject({
      itemName: '学历公证',
      state: 'forwarded.awaitingAcceptance',
    });
    expect(awaiting.total).toBeGreaterThanOrEqual(1);

    const officerView = await api.call('GET', `/applications/${id}`, officer);
    expect(officerView.body.allowedEvents).toEqual(['ACCEPT', 'REQUEST_SUPPLEMENT', 'REFUSE']);

    await send(officer, { type: 'ACCEPT' }, 'accepted.processing');
    await send(
      officer,
      { type: 'APPROVE', result: { documentType: '公证书', documentNumber: '(2026)沪浦证字第1024号' } },
      'accepted.concluded',
    );
    await send(
      officer,
      { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: 'EMS2000000001' },
      'resultDispatched',
    );
    await eventually(stateOf, (s) => s === 'resultDelivered', { what: `case ${caseNumber} delivered` });
    expect(await inboxIds()).not.toContain(id);

    const view = (await api.call('GET', `/applications/${id}`, clerk)).body;
    expect(view.version).toBe(10);
    expect(view.allowedEvents).toEqual([]);
    expect(view.transfers.map((t: any) => [t.direction, t.channel, t.status, t.waybillNumber])).toEqual([
      ['forward', 'courier', 'delivered', 'SF1000000001'],
      ['result', 'mail', 'delivered', 'EMS2000000001'],
    ]);

    const history = (await api.call<any[]>('GET', `/applications/${id}/history`, clerk)).body;
    expect(history.map((e) => [e.seq, e.type, e.fromState, e.toState, e.actorRole])).toEqual([
      [1, 'RECEIVE', null, 'received', 'clerk'],
      [2, 'PASS_FORM_CHECK', 'received', 'formChecked', 'clerk'],
      [3, 'VERIFY_IDENTITY', 'formChecked', 'identityVerified', 'clerk'],
      [4, 'FORWARD', 'identityVerified', 'forwarded.inParcel', 'clerk'],
      [5, 'TRANSFER_DELIVERED', 'forwarded.inParcel', 'forwarded.awaitingCheckIn', 'system'],
      [6, 'CHECK_IN', 'forwarded.awaitingCheckIn', 'forwarded.awaitingAcceptance', 'officer'],
      [7, 'ACCEPT', 'forwarded.awaitingAcceptance', 'accepted.processing', 'officer'],
      [8, 'APPROVE', 'accepted.processing', 'accepted.concluded', 'officer'],
      [9, 'DISPATCH_RESULT', 'accepted.concluded', 'resultDispatched', 'officer'],
      [10, 'RESULT_DELIVERED', 'resultDispatched', 'resultDelivered', 'system'],
    ]);
    // Each row is chained to the one before and its HMAC under AUDIT_KEY covers its own fields.
    history.forEach((e, i) => {
      expect(e.prevHash).toBe(i === 0 ? null : history[i - 1].hash);
      const { id: _rowId, hash, hashScheme, ...row } = e;
      expect(hashScheme).toBe('hmac-sha256');
      expect(
        auditHash({ ...row, occurredAt: new Date(e.occurredAt) }, auditKeyFrom(DEVELOPMENT_AUDIT_KEY)),
      ).toBe(hash);
    });
    // The carrier's delivery and the result's are told once per parcel and outcome (parcel tracking).
    const parcelIds = (view.parcels as { leg: string; parcelId: string }[]).map((p) => [p.leg, p.parcelId]);
    const materialsParcel = parcelIds.find(([leg]) => leg === 'materials')![1];
    const resultParcel = parcelIds.find(([leg]) => leg === 'result')![1];
    expect(history[4].eventId).toBe(`parcel:${materialsParcel}:delivered`);
    expect(history[9].eventId).toBe(`parcel:${resultParcel}:delivered`);

    const tracked = await api.call('GET', `/track/${caseNumber}?code=${queryCode}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ caseNumber, state: 'resultDelivered', stateLabel: '已送达' });
    expect(tracked.body.applicant.idNumber).toMatch(/^3309\*{10}\d{3}[\dX]$/);
    expect(tracked.body.applicant.phone).toBe('138****0001');
    // The applicant's timeline: every step of the history, and the carrier's legs of both parcels
    // (the originals to the home jurisdiction, the result to the applicant) woven in.
    const timeline = tracked.body.timeline as { type: string; label: string }[];
    expect(timeline.filter((t) => t.type !== 'TRACKING').map((t) => t.type)).toEqual(
      history.map((e) => e.type),
    );
    const legs = timeline.filter((t) => t.type === 'TRACKING').map((t) => t.label);
    expect(legs.filter((l) => l.includes('运单 SF1000000001'))).toHaveLength(4);
    expect(legs.filter((l) => l.includes('运单 EMS2000000001'))).toHaveLength(4);
    expect(JSON.stringify(tracked.body)).not.toContain(notarisationApplication(1).applicant.idNumber);

    const wrongCode = String((Number(queryCode) + 1) % 1_000_000).padStart(6, '0');
    expect((await api.call('GET', `/track/${caseNumber}?code=${wrongCode}`)).status).toBe(404);
  });
});
