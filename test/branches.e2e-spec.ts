import { scanItemApplication, verifyAtWindow } from './support/cases';
import {
  CLERK,
  OFFICER,
  PUTUO_CLERK,
  nextWaybill,
  notarisationApplication,
  scanPage,
  scanPageWithDigest,
} from './support/fixtures';
import { signIn, uploadScan } from './support/http';
import { rowCounts } from './support/row-counts';
import { jobIdForOutbox } from '@app/transfer';
import { checkInCase } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
import { TEST_ENV, TEST_STAFF_PASSWORD } from './support/test-env';
import { eventually, pause } from './support/waiting';

/**
 * Every branch a real case takes, against real PostgreSQL, Redis, BullMQ and the worker: one-time
 * notice and resubmission, three failed identity checks, a lost parcel and its redispatch, two
 * supplement loops, a refusal whose notice is delivered, withdrawal at three points, and the
 * applicant's evaluation (deemed acceptance by the clock sweep: clocks.e2e-spec.ts).
 */
describe('every branch of the lifecycle', () => {
  let api: InProcessStack;
  let n = 100;

  beforeAll(async () => {
    api = await startStack({ workers: 1 });
  });
  afterAll(() => api.stop());

  const clerk = CLERK;
  const officer = OFFICER;

  interface Case {
    id: string;
    caseNumber: string;
    queryCode: string;
  }

  const receive = async (materials?: { name: string; form: string }[]): Promise<Case> => {
    const body = notarisationApplication(++n);
    const res = await api.call('POST', '/applications', {
      ...clerk,
      body: materials ? { ...body, materials } : body,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const send = async (c: Case, actor: object, event: object, status = 200) => {
    const res = await api.call('POST', `/applications/${c.id}/events`, { ...actor, body: event });
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res.body;
  };
  const view = async (c: Case, actor: object = clerk) =>
    (await api.call('GET', `/applications/${c.id}`, actor)).body;
  const stateOf = async (c: Case, actor: object = clerk) => (await view(c, actor)).state as string;
  const reach = (c: Case, state: string, actor: object = clerk, timeoutMs?: number) =>
    eventually(
      () => stateOf(c, actor),
      (s) => s === state,
      { what: `case ${c.caseNumber} in ${state}`, timeoutMs },
    );
  const history = async (c: Case) =>
    (await api.call<any[]>('GET', `/applications/${c.id}/history`, clerk)).body;
  const track = async (c: Case) => (await api.call('GET', `/track/${c.caseNumber}?code=${c.queryCode}`)).body;
  /** The applicant withdraws with the receipt (撤回), as they would from home. */
  const withdrawByApplicant = (c: Case, reason: string) =>
    api.call('POST', `/track/${c.caseNumber}/withdraw?code=${c.queryCode}`, { body: { reason } });
  const waybill = nextWaybill;

  /** Received with every required material, form and identity checked. */
  const verified = async (): Promise<Case> => {
    const c = await receive();
    await verifyAtWindow(api.call, clerk, c.id);
    return c;
  };
  /** Forwarded by courier, its parcel delivered and checked in by the officer: awaiting acceptance. */
  const arrived = async (c?: Case): Promise<Case> => {
    const kase = c ?? (await verified());
    await send(kase, clerk, { type: 'FORWARD', channel: 'courier', waybillNumber: waybill() });
    await reach(kase, 'forwarded.awaitingCheckIn');
    await checkInCase(api.call, officer, kase.id);
    await reach(kase, 'forwarded.awaitingAcceptance');
    return kase;
  };

  it('lists every missing material at once, shows the notice, and takes the case back on resubmission', async () => {
    const c = await receive([{ name: '公证申请表', form: 'original' }]);
    expect((await view(c)).allowedEvents).toEqual(['FAIL_FORM_CHECK', 'WITHDRAW']);
    await send(c, clerk, {
      type: 'FAIL_FORM_CHECK',
      missing: ['申请人居民身份证', '学历证书'],
      note: '请携带原件',
    });
    expect(await track(c)).toMatchObject({
      state: 'returnedForCorrection',
      stateLabel: '材料需补正',
      notice: { kind: 'correction', missing: ['申请人居民身份证', '学历证书'], note: '请携带原件' },
    });
    // The diploma comes back as a photocopy: the checklist asks for the original (原件).
    await send(c, clerk, {
      type: 'RESUBMIT',
      materials: [
        { name: '申请人居民身份证', form: 'copy' },
        { name: '学历证书', form: 'copy' },
      ],
    });
    expect((await view(c)).missingMaterials).toEqual(['学历证书 (original)']);
    const copyOnly = await send(c, clerk, { type: 'PASS_FORM_CHECK' }, 409);
    expect(copyOnly.details.rule).toBe('required materials missing: 学历证书 (original)');
    await send(c, clerk, { type: 'FAIL_FORM_CHECK', missing: ['学历证书(原件)'] });
    // The window's worklist shows it waiting for the applicant, found also by its case number.
    const worklist = (
      await api.call('GET', '/applications?window=W330902&state=returnedForCorrection', clerk)
    ).body;
    expect(worklist.cases.map((x: { id: string }) => x.id)).toContain(c.id);
    const byNumber = (await api.call('GET', `/applications?caseNumber=${c.caseNumber}`, clerk)).body;
    expect(byNumber).toMatchObject({ total: 1, cases: [{ id: c.id, itemName: '学历公证' }] });
    const back = await send(c, clerk, {
      type: 'RESUBMIT',
      materials: [{ name: '学历证书', form: 'original' }],
    });
    expect(back).toMatchObject({
      state: 'received',
      allowedEvents: ['PASS_FORM_CHECK', 'FAIL_FORM_CHECK', 'WITHDRAW'],
    });
    await send(c, clerk, { type: 'PASS_FORM_CHECK' });
    expect((await view(c)).missingMaterials).toEqual([]);
    expect((await view(c)).materials.map((m: any) => m.stage)).toEqual([
      'receive',
      'resubmit',
      'resubmit',
      'resubmit',
    ]);
  });

  it('records three failed identity checks, then allows only withdrawal', async () => {
    const c = await receive();
    await send(c, clerk, { type: 'PASS_FORM_CHECK' });
    for (let i = 0; i < 3; i++) {
      const res = await send(c, clerk, { type: 'VERIFY_IDENTITY', method: 'face', passed: false });
      expect(res.state).toBe('formChecked');
    }
    expect((await view(c)).allowedEvents).toEqual(['WITHDRAW']);
    const fourth = await send(c, clerk, { type: 'VERIFY_IDENTITY', method: 'face', passed: true }, 409);
    expect(fourth.details).toMatchObject({ reason: 'event_not_allowed', allowedEvents: ['WITHDRAW'] });
    const attempts = (await history(c)).filter((e) => e.type === 'VERIFY_IDENTITY');
    expect(attempts.map((e) => [e.payload.passed, e.toState])).toEqual([
      [false, 'formChecked'],
      [false, 'formChecked'],
      [false, 'formChecked'],
    ]);
    const withdrawn = await withdrawByApplicant(c, '身份核验未通过，申请人撤回');
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回' });
  });

  it('reports a lost parcel, and a redispatch sends a new transfer that arrives', async () => {
    const c = await verified();
    const lostWaybill = waybill('LOST');
    await send(c, clerk, { type: 'FORWARD', channel: 'courier', waybillNumber: lostWaybill });
    await reach(c, 'transferException');
    expect((await view(c)).allowedEvents).toEqual(['REDISPATCH', 'WITHDRAW']);
    // The lost parcel's waybill, or another case's, cannot name the new parcel: 409, nothing written.
    const other = await arrived();
    const [{ waybill_number: othersWaybill }] = await api.dataSource.query(
      `SELECT waybill_number FROM transfers WHERE application_id = $1`,
      [other.id],
    );
    const before = await rowCounts(api.dataSource, c.id);
    for (const reused of [lostWaybill, othersWaybill]) {
      const refused = await api.call('POST', `/applications/${c.id}/events`, {
        ...clerk,
        body: { type: 'REDISPATCH', channel: 'courier', waybillNumber: reused },
      });
      expect({ status: refused.status, details: refused.body.details }).toEqual({
        status: 409,
        details: { reason: 'waybill_in_use', field: 'waybillNumber', waybillNumber: reused },
      });
    }
    expect(await rowCounts(api.dataSource, c.id)).toEqual(before);
    // The database holds the rule too, for two requests at once: a waybill names one parcel.
    await expect(
      api.dataSource.query(`UPDATE parcels SET waybill_number = $1 WHERE waybill_number = $2`, [
        othersWaybill,
        lostWaybill,
      ]),
    ).rejects.toThrow(/parcels_waybill_number_key/);
    const newWaybill = waybill();
    await send(c, clerk, { type: 'REDISPATCH', channel: 'courier', waybillNumber: newWaybill });
    await reach(c, 'forwarded.awaitingCheckIn');
    await checkInCase(api.call, officer, c.id);
    await reach(c, 'forwarded.awaitingAcceptance');

    const transfers = (await view(c)).transfers;
    expect(transfers.map((t: any) => [t.waybillNumber, t.status])).toEqual([
      [lostWaybill, 'failed'],
      [newWaybill, 'delivered'],
    ]);
    expect(transfers[0].failureReason).toMatch(new RegExp(`^快递丢失：运单 ${lostWaybill}（`));
    const events = await history(c);
    expect(events.map((e) => e.type).slice(3)).toEqual([
      'FORWARD',
      'TRANSFER_FAILED',
      'REDISPATCH',
      'TRANSFER_DELIVERED',
      'CHECK_IN',
    ]);
    const jobIds = events.filter((e) => e.actorRole === 'system').map((e) => e.eventId);
    expect(new Set(jobIds).size).toBe(2);
  });

  it('fails a scan transfer whose page arrives altered, and a redispatch with sound scans arrives', async () => {
    // 失业登记 (KS1-005) may travel as scans; received at 普陀区 for 安徽省合肥市 市人社局.
    const body = await scanItemApplication(api.call, ++n);
    const { materials } = body;
    const putuoClerk = PUTUO_CLERK;
    const c: Case = (await api.call('POST', '/applications', { ...putuoClerk, body })).body;
    await verifyAtWindow(api.call, putuoClerk, c.id);
    const base = api.baseUrl;
    const token = await signIn(base, putuoClerk.as, TEST_STAFF_PASSWORD);
    const upload = async (material: string, bytes: Buffer) =>
      (await uploadScan(base, token, c.id, material, bytes)).body.sha256 as string;
    const good = await upload(materials[0].name, scanPage(`branches ${c.id}`));
    // The local scan channel alters this page in transit.
    const altered = await upload(materials[1].name, scanPageWithDigest('dead', `branches ${c.id}`));
    // Every material handed in travels as a scan.
    const rest: string[] = [];
    for (const m of materials.slice(2))
      rest.push(await upload(m.name, scanPage(`branches ${c.id} ${m.name}`)));
    await send(c, putuoClerk, { type: 'FORWARD', channel: 'scan', scanDigests: [good, altered, ...rest] });
    await reach(c, 'transferException', putuoClerk);
    const [failed] = (await view(c, putuoClerk)).transfers;
    expect(failed).toMatchObject({ channel: 'scan', status: 'failed' });
    expect(failed.failureReason).toMatch(
      new RegExp(`^scan digest mismatch on page 2 \\(sent ${altered.slice(0, 12)}…`),
    );

    const rescanned = await upload(materials[1].name, scanPage(`branches ${c.id} rescanned`));
    await send(c, putuoClerk, {
      type: 'REDISPATCH',
      channel: 'scan',
      scanDigests: [good, rescanned, ...rest],
    });
    await reach(c, 'forwarded.awaitingAcceptance', putuoClerk);
    expect((await view(c, putuoClerk)).transfers.map((t: any) => t.status)).toEqual(['failed', 'delivered']);
  });

  it('records a parcel tracking job delivered twice as a duplicate and changes nothing', async () => {
    const c = await arrived();
    const before = await history(c);
    expect(before.find((e) => e.type === 'TRANSFER_DELIVERED').eventId).toMatch(
      /^parcel:[0-9a-f-]{36}:delivered$/,
    );
    // The look at the carrier that saw the parcel delivered: its parcel's newest tracking job.
    const [{ job_id: last }] = await api.dataSource.query(
      `SELECT o.job_id FROM outbox o JOIN transfers t ON t.parcel_id = o.parcel_id
        WHERE t.application_id = $1 AND o.queue = 'parcel-tracking' ORDER BY o.id DESC LIMIT 1`,
      [c.id],
    );
    const tracking = api.queues['parcel-tracking'];
    const jobId = jobIdForOutbox(last);
    const job = (await tracking.getJob(jobId))!;
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toBe('applied');
    await job.retry('completed'); // BullMQ delivers the same job again
    const again = await eventually(
      async () => (await tracking.getJob(jobId))!,
      (j) => j.finishedOn !== undefined && j.returnvalue === 'duplicate',
      { what: `job ${jobId} run again` },
    );
    expect(again.returnvalue).toBe('duplicate');
    expect(await history(c)).toEqual(before);
  });

  it('asks for everything at once (一次性告知): the supplement answers each item, a second request only about it, with a reason', async () => {
    const repeats = async () =>
      (await api.call('GET', '/statistics', { as: 'supervisor-310115' })).body.byJurisdiction.find(
        (j: any) => j.jurisdictionCode === 'J310115-SFJ',
      )?.repeatedSupplementRequests ?? 0;
    const repeatsBefore = await repeats();
    const c = await arrived();
    const refusedWith = async (actor: object, event: object, rule: string) => {
      const before = await rowCounts(api.dataSource, c.id);
      const res = await api.call('POST', `/applications/${c.id}/events`, { ...actor, body: event });
      expect({ status: res.status, rule: res.body.details?.rule }).toEqual({ status: 409, rule });
      expect(await rowCounts(api.dataSource, c.id)).toEqual(before);
    };
    await send(c, officer, {
      type: 'REQUEST_SUPPLEMENT',
      items: ['户口簿', '婚姻状况证明'],
      note: '第1次补正',
    });
    expect(await track(c)).toMatchObject({
      state: 'supplementRequested',
      notice: { kind: 'supplement', items: ['户口簿', '婚姻状况证明'], note: '第1次补正' },
    });
    // The window sees what it must collect.
    expect((await api.call('GET', `/applications/${c.id}`, clerk)).body.requestedSupplement).toEqual([
      '户口簿',
      '婚姻状况证明',
    ]);
    const answer = 'the supplement must answer each requested item and nothing else';
    await refusedWith(
      clerk,
      { type: 'SUPPLEMENT_RECEIVED', materials: [{ name: '户口簿', form: 'original' }] },
      `${answer}; missing: 婚姻状况证明`,
    );
    await refusedWith(
      clerk,
      {
        type: 'SUPPLEMENT_RECEIVED',
        materials: ['户口簿', '婚姻状况证明', '房产证'].map((name) => ({ name, form: 'original' })),
      },
      `${answer}; not requested: 房产证`,
    );
    await send(c, clerk, {
      type: 'SUPPLEMENT_RECEIVED',
      materials: ['户口簿', '婚姻状况证明'].map((name) => ({ name, form: 'original' })),
    });
    await arrived(c);

    const once = 'everything missing was requested at once before (一次性告知, 行政许可法 第三十二条)';
    await refusedWith(
      officer,
      { type: 'REQUEST_SUPPLEMENT', items: ['户口簿'], note: '第2次补正' },
      `${once}: a further request needs a reason`,
    );
    await refusedWith(
      officer,
      { type: 'REQUEST_SUPPLEMENT', items: ['房产证'], note: '第2次补正', reason: '漏告知' },
      `${once}: a further request may concern only the materials handed in with the last supplement ` +
        '(户口簿, 婚姻状况证明), not 房产证',
    );
    const reason = '补正的户口簿缺少本人页';
    await send(c, officer, { type: 'REQUEST_SUPPLEMENT', items: ['户口簿'], note: '第2次补正', reason });
    await send(c, clerk, { type: 'SUPPLEMENT_RECEIVED', materials: [{ name: '户口簿', form: 'original' }] });
    await arrived(c);
    await send(c, officer, { type: 'ACCEPT' });

    const requests = (await history(c)).filter((e) => e.type === 'REQUEST_SUPPLEMENT');
    expect(requests.map((e) => e.payload)).toEqual([
      { items: ['户口簿', '婚姻状况证明'], note: '第1次补正' },
      { items: ['户口簿'], note: '第2次补正', reason },
    ]);
    expect((await view(c)).transfers.map((t: any) => t.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
    // Supervision counts the second request against the jurisdiction that made it.
    expect((await repeats()) - repeatsBefore).toBe(1);
  });

  it('refuses with reason and legal basis, delivers the refusal notice, and takes one evaluation', async () => {
    const c = await arrived();
    await send(c, officer, {
      type: 'REFUSE',
      reason: '申请事项依法不需要取得行政许可',
      legalBasis: '《行政许可法》第三十二条第一款第(一)项',
    });
    expect((await view(c, officer)).allowedEvents).toEqual(['DISPATCH_RESULT']);
    expect((await send(c, clerk, { type: 'WITHDRAW', reason: '撤回' }, 409)).details.allowedEvents).toEqual(
      [],
    );
    const early = await api.call('POST', `/track/${c.caseNumber}/evaluation?code=${c.queryCode}`, {
      body: { grade: 'satisfied' },
    });
    expect(early.status).toBe(409);

    // 学历公证's documents are paper: the notice goes by mail, online is refused.
    const online = await send(c, officer, { type: 'DISPATCH_RESULT', method: 'online' }, 409);
    expect(online.details.allowedEvents).toEqual(['DISPATCH_RESULT']);
    await send(c, officer, { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: waybill('EMS') });
    await reach(c, 'resultDelivered');
    const tracked = await track(c);
    expect(tracked).toMatchObject({
      state: 'resultDelivered',
      canEvaluate: true,
      notice: {
        kind: 'refusal',
        title: '不予受理通知书',
        legalBasis: '《行政许可法》第三十二条第一款第(一)项',
      },
    });

    const rate = (body: object) =>
      api.call('POST', `/track/${c.caseNumber}/evaluation?code=${c.queryCode}`, { body });
    const first = await rate({ grade: 'basically_satisfied', comment: '告知清楚' });
    expect(first.status).toBe(201);
    const bothSides = { grade: 'basically_satisfied', label: '基本满意' };
    expect(first.body).toMatchObject({ window: bothSides, jurisdiction: bothSides });
    expect((await rate({ grade: 'very_satisfied' })).status).toBe(409);
    expect(await track(c)).toMatchObject({
      canEvaluate: false,
      evaluation: { window: bothSides, jurisdiction: bothSides, comment: '告知清楚' },
    });
  });

  it('is withdrawn at three different points, and not after the decision', async () => {
    const atReceipt = await receive();
    await send(atReceipt, clerk, { type: 'WITHDRAW', reason: '申请人不再需要' });

    const inTransit = await verified();
    await send(inTransit, clerk, { type: 'FORWARD', channel: 'courier', waybillNumber: waybill() });
    expect((await withdrawByApplicant(inTransit, '已在户籍地办理')).status).toBe(200);

    const inProcessing = await arrived();
    await send(inProcessing, officer, { type: 'ACCEPT' });
    await send(inProcessing, clerk, { type: 'WITHDRAW', reason: '申请人撤回' });

    for (const c of [atReceipt, inTransit, inProcessing]) {
      expect((await view(c)).allowedEvents).toEqual([]);
      expect((await track(c)).stateLabel).toBe('已撤回');
    }
    // The parcel of the withdrawn case still arrives: the job finds the case withdrawn and changes nothing.
    await pause(Number(TEST_ENV.COURIER_TRANSIT_MS) + 500);
    expect(await stateOf(inTransit)).toBe('withdrawn');
    expect((await history(inTransit)).map((e) => e.type)).not.toContain('TRANSFER_DELIVERED');
    expect((await view(inTransit)).transfers.map((t: any) => [t.status, t.failureReason])).toEqual([
      ['cancelled', 'case withdrawn while in transit'],
    ]);

    const decided = await arrived();
    await send(decided, officer, { type: 'ACCEPT' });
    await send(decided, officer, {
      type: 'DENY',
      reason: '不符合法定条件',
      legalBasis: '《行政许可法》第三十八条第二款',
    });
    const late = await withdrawByApplicant(decided, '太迟了');
    expect(late.status).toBe(409);
    expect(late.body.details).toMatchObject({ reason: 'event_not_allowed', state: 'accepted.concluded' });
  });
});
