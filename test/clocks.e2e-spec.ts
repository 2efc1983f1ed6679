import { ClockSweep } from '@app/cases';
import { ClocksForOpenCases1764740000000 } from '../libs/db/src/migrations/1764740000000-clocks-for-open-cases';
import { caseDriver, type ReceivedCase } from './support/case-driver';
import { ageClock, ageClockPastDue, ageClockToWarning, clocksOf } from './support/clocks';
import { CLERK, OFFICER } from './support/fixtures';
import { startStack, type InProcessStack } from './support/stack';
import { eventually } from './support/waiting';

/** The end of a working day in Beijing time, as every due moment is shown. */
const END_OF_BEIJING_DAY = /^\d{4}-\d{2}-\d{2}T23:59:59\.999\+08:00$/;

/**
 * Issue 12 item 3: time limits are clocks (rows) that the transitions start, pause, resume, extend and
 * stop, and that a periodic sweep watches; the sweep is safe when several run at the same moment.
 * The arithmetic of the due moments is libs/calendar clock-period.spec.ts; here, what staff see and
 * what the sweep does once a moment has passed (test/support/clocks.ts lets time pass for one clock).
 */
describe('clocks: what the law gives each stage, and the sweep', () => {
  let api: InProcessStack;
  let drive: ReturnType<typeof caseDriver>;
  beforeAll(async () => {
    api = await startStack({ workers: 1 });
    drive = caseDriver(api.call, 7100);
  });
  afterAll(() => api.stop());

  const clock = async (c: ReceivedCase, stage: string) =>
    ((await drive.view(c)).clocks as any[]).filter((k) => k.stage === stage).at(-1);
  /** Two sweeps at the same moment, besides the worker's own every 200 ms. */
  const sweepTwiceAtOnce = () => {
    const sweep = api.app.get(ClockSweep);
    return Promise.all([sweep.sweep(), sweep.sweep()]);
  };

  it("starts the window's and the acceptance clocks at receipt, and each stage's as the case moves", async () => {
    const c = await drive.verified();
    const atReceipt = (await drive.view(c)).clocks;
    // 学历公证 (KS1-001): the originals must travel, so the window mails them within 2 working days.
    expect(atReceipt.map((k: any) => [k.stage, k.party, k.status, k.budgetWorkingDays])).toEqual([
      ['acceptance', 'homeJurisdiction', 'running', 5],
      ['forward', 'window', 'running', 1],
      ['mailOriginals', 'window', 'running', 2],
    ]);
    for (const k of atReceipt) {
      expect(k.dueAt).toMatch(END_OF_BEIJING_DAY);
      expect(k.workingDaysLeft).toBeGreaterThanOrEqual(k.budgetWorkingDays);
      expect(k.workingDaysLeft).toBeLessThanOrEqual(k.budgetWorkingDays + 1);
    }

    await drive.arrived(c);
    await drive.send(c, OFFICER, { type: 'ACCEPT' });
    const byStage = Object.fromEntries((await drive.view(c)).clocks.map((k: any) => [k.stage, k]));
    expect(byStage.forward).toMatchObject({ status: 'met', usedWorkingDays: 0, workingDaysLeft: null });
    expect(byStage.mailOriginals.status).toBe('met');
    expect(byStage.acceptance.status).toBe('met');
    // The decision within the item's promise: 公证书 within 15 working days (公证程序规则 第五十条).
    expect(byStage.decision).toMatchObject({
      party: 'homeJurisdiction',
      status: 'running',
      budgetWorkingDays: 15,
    });
    const due = await api.call(
      'GET',
      `/calendar/due-date?from=${encodeURIComponent(byStage.decision.startedAt)}&workingDays=15`,
      CLERK,
    );
    expect(byStage.decision).toMatchObject({ dueDate: due.body.dueDate, dueAt: due.body.dueAt });
  });

  it('deems a case accepted once when sweeps run at the same moment, as the system', async () => {
    const c = await drive.arrived();
    // An officer cannot send the system's event.
    const claimed = await api.call('POST', `/applications/${c.id}/events`, {
      ...OFFICER,
      body: { type: 'DEEM_ACCEPTED', clockId: (await clock(c, 'acceptance')).id },
    });
    expect(claimed.status).toBe(403);

    await ageClockPastDue(api.dataSource, c.id, 'acceptance');
    await sweepTwiceAtOnce();
    await drive.reach(c, 'accepted.processing');
    await sweepTwiceAtOnce();

    const deemed = (await drive.history(c)).filter((e) => e.type === 'DEEM_ACCEPTED');
    expect(deemed).toHaveLength(1);
    expect(deemed[0]).toMatchObject({ actorRole: 'system', actorId: 'clock-sweep-job' });
    expect(await clock(c, 'acceptance')).toMatchObject({ status: 'late' });
    expect((await clock(c, 'decision')).status).toBe('running');
    expect((await drive.verify(c)).verdict.intact).toBe(true);
  });

  it('never deems accepted a case whose acceptance clock a supplement request paused', async () => {
    const c = await drive.arrived();
    await drive.send(c, OFFICER, { type: 'REQUEST_SUPPLEMENT', items: ['补充材料'], note: '请补正' });
    // A month passes while the applicant gathers the supplement.
    await ageClock(api.dataSource, c.id, 'acceptance', 30);
    expect(await clock(c, 'acceptance')).toMatchObject({
      status: 'paused',
      dueAt: null,
      workingDaysLeft: null,
    });
    expect(await clock(c, 'supplement')).toMatchObject({ party: 'applicant', status: 'running' });
    await sweepTwiceAtOnce();
    expect((await drive.view(c)).state).toBe('supplementRequested');
    const [acceptance] = (await clocksOf(api.dataSource, c.id)).filter((k) => k.stage === 'acceptance');
    expect(acceptance).toMatchObject({ warned_at: null, overdue_at: null });

    // The supplement comes in: the applicant's clock stops, the home jurisdiction's runs on.
    await drive.send(c, CLERK, {
      type: 'SUPPLEMENT_RECEIVED',
      materials: [{ name: '补充材料', form: 'copy' }],
    });
    expect(await clock(c, 'supplement')).toMatchObject({ status: 'met' });
    const resumed = await clock(c, 'acceptance');
    expect(resumed.status).toBe('running');
    expect(resumed.pauses).toEqual([
      expect.objectContaining({ cause: 'supplement', reason: '补充材料', to: expect.any(String) }),
    ]);
    // …and the window forwards the supplement within a working day again.
    expect((await clock(c, 'forward')).status).toBe('running');
  });

  it('raises a warning once and an overdue mark once, not at every sweep, and tells the office once each', async () => {
    const c = await drive.accepted();
    await ageClockToWarning(api.dataSource, c.id, 'decision');
    await sweepTwiceAtOnce();
    const warned = await eventually(
      async () => (await clocksOf(api.dataSource, c.id)).find((k) => k.stage === 'decision')!,
      (k) => k.warned_at !== null,
      { what: 'the warning raised' },
    );
    expect(warned.overdue_at).toBeNull();
    await sweepTwiceAtOnce();
    const again = (await clocksOf(api.dataSource, c.id)).find((k) => k.stage === 'decision')!;
    expect(again.warned_at).toEqual(warned.warned_at);

    await ageClockPastDue(api.dataSource, c.id, 'decision');
    await sweepTwiceAtOnce();
    const late = (await clocksOf(api.dataSource, c.id)).find((k) => k.stage === 'decision')!;
    expect(late.overdue_at).not.toBeNull();
    expect(late.warned_at).toEqual(warned.warned_at);
    await sweepTwiceAtOnce();
    expect((await clocksOf(api.dataSource, c.id)).find((k) => k.stage === 'decision')!.overdue_at).toEqual(
      late.overdue_at,
    );
    expect((await clock(c, 'decision')).workingDaysLeft).toBeLessThanOrEqual(0);

    // The home jurisdiction is told by e-mail of each, once, in Chinese, with the due moment in Beijing time.
    const notices = (await api.call<any[]>('GET', `/notices?caseId=${c.id}`, OFFICER)).body;
    const alerts = notices.filter((x) => x.kind === 'clockWarned' || x.kind === 'clockOverdue');
    expect(alerts.map((x) => [x.kind, x.channel, x.recipient])).toEqual([
      ['clockWarned', 'email', 'jurisdiction:J310115-SFJ'],
      ['clockOverdue', 'email', 'jurisdiction:J310115-SFJ'],
    ]);
    expect(alerts[1].text).toContain(c.caseNumber);
  });

  it('pauses one decision clock for a supplement and for a hearing (art. 45), and extends it once (art. 42)', async () => {
    const c = await drive.accepted();
    await drive.send(c, OFFICER, { type: 'REQUEST_SUPPLEMENT', items: ['学位证书'], note: '请补正' });
    expect((await drive.view(c)).state).toBe('accepted.supplementRequested');
    expect(await clock(c, 'decision')).toMatchObject({ status: 'paused', dueAt: null });
    await drive.send(c, CLERK, {
      type: 'SUPPLEMENT_RECEIVED',
      materials: [{ name: '学位证书', form: 'original' }],
    });

    await drive.send(c, OFFICER, { type: 'SUSPEND_CLOCK', kind: 'hearing', reason: '申请人申请听证' });
    const suspended = await drive.view(c, OFFICER);
    expect(suspended).toMatchObject({ state: 'accepted.suspended', allowedEvents: ['RESUME_CLOCK'] });
    const decide = await api.call('POST', `/applications/${c.id}/events`, {
      ...OFFICER,
      body: { type: 'APPROVE', result: { documentType: '公证书', documentNumber: '(2026)浙舟证字第7号' } },
    });
    expect(decide.status).toBe(409);
    expect(decide.body.details.allowedEvents).toEqual(['RESUME_CLOCK']);
    await drive.send(c, OFFICER, { type: 'RESUME_CLOCK', note: '听证结束' });

    await drive.send(c, OFFICER, { type: 'EXTEND_TIME_LIMIT', reason: '需现场核查，经负责人批准' });
    const twice = await api.call('POST', `/applications/${c.id}/events`, {
      ...OFFICER,
      body: { type: 'EXTEND_TIME_LIMIT', reason: '再延长' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.details.rule).toBe(
      'the decision period was already extended once (行政许可法 art. 42)',
    );

    const decision = await clock(c, 'decision');
    expect(decision).toMatchObject({
      status: 'running',
      budgetWorkingDays: 15,
      extendedWorkingDays: 10,
      extensionReason: '需现场核查，经负责人批准',
    });
    expect(decision.pauses.map((p: any) => [p.cause, p.reason])).toEqual([
      ['supplement', '学位证书'],
      ['hearing', '申请人申请听证'],
    ]);
    // Both pauses began and ended today: they took no working day, so 15 + 10 from acceptance.
    const due = await api.call(
      'GET',
      `/calendar/due-date?from=${encodeURIComponent(decision.startedAt)}&workingDays=25`,
      CLERK,
    );
    expect(decision.dueDate).toBe(due.body.dueDate);
    const kinds = (await drive.history(c)).map((e) => e.type);
    expect(kinds).toEqual(expect.arrayContaining(['SUSPEND_CLOCK', 'RESUME_CLOCK', 'EXTEND_TIME_LIMIT']));
  });

  it("only marks the applicant's supplement clock overdue when it runs out (SUPPLEMENT_EXPIRY remind)", async () => {
    const c = await drive.arrived();
    await drive.send(c, OFFICER, { type: 'REQUEST_SUPPLEMENT', items: ['户口簿'], note: '请补正' });
    await ageClockPastDue(api.dataSource, c.id, 'supplement');
    await sweepTwiceAtOnce();
    expect((await drive.view(c)).state).toBe('supplementRequested');
    const [supplement] = (await clocksOf(api.dataSource, c.id)).filter((k) => k.stage === 'supplement');
    expect(supplement.overdue_at).not.toBeNull();
    // The window, which takes the supplement in, is told.
    const notices = (await api.call<any[]>('GET', `/notices?caseId=${c.id}`, CLERK)).body;
    expect(notices.filter((x) => x.kind === 'clockOverdue').map((x) => x.recipient)).toEqual([
      'window:W330902',
    ]);
  });

  it('gives the cases open at the upgrade the clocks their state implies, counted from their history', async () => {
    const verified = await drive.verified();
    const accepted = await drive.accepted();
    const waiting = await drive.arrived();
    await drive.send(waiting, OFFICER, { type: 'REQUEST_SUPPLEMENT', items: ['户口簿'], note: '请补正' });
    const ids = [verified.id, accepted.id, waiting.id];
    // As before the upgrade: no clocks.
    await api.dataSource.query(`DELETE FROM clocks WHERE application_id = ANY($1)`, [ids]);
    const runner = api.dataSource.createQueryRunner();
    try {
      await new ClocksForOpenCases1764740000000().up(runner);
    } finally {
      await runner.release();
    }
    const stages = async (c: ReceivedCase) =>
      ((await drive.view(c)).clocks as any[]).map((k) => [k.stage, k.status, k.budgetWorkingDays]);
    expect(await stages(verified)).toEqual(
      expect.arrayContaining([
        ['forward', 'running', 1],
        ['acceptance', 'running', 5],
      ]),
    );
    expect(await stages(accepted)).toEqual([['decision', 'running', 15]]);
    expect(await stages(waiting)).toEqual(
      expect.arrayContaining([
        ['acceptance', 'paused', 5],
        ['supplement', 'running', 20],
      ]),
    );
    const decision = await clock(accepted, 'decision');
    const acceptedAt = (await drive.history(accepted)).find((e) => e.type === 'ACCEPT').occurredAt;
    expect(decision.startedAt).toBe(acceptedAt);
    const due = await api.call(
      'GET',
      `/calendar/due-date?from=${encodeURIComponent(acceptedAt)}&workingDays=15`,
      CLERK,
    );
    expect(decision.dueDate).toBe(due.body.dueDate);
  });

  it('stops every clock when the case is withdrawn, and tells the applicant why', async () => {
    const c = await drive.verified();
    await drive.send(c, CLERK, { type: 'WITHDRAW', reason: '申请人撤回' });
    const clocks = (await drive.view(c)).clocks;
    expect(clocks.length).toBeGreaterThan(0);
    expect(clocks.every((k: any) => k.status === 'withdrawn')).toBe(true);
    const notices = (await api.call<any[]>('GET', `/notices?caseId=${c.id}`, CLERK)).body;
    const told = notices.filter((x) => x.kind === 'withdrawn');
    expect(told.map((x) => [x.channel, x.addressee])).toEqual([['sms', 'applicant']]);
    expect(told[0].text).toContain('撤回，办理终止。原因：申请人撤回。');
  });
});

describe('clocks: a supplement not handed in time deemed withdrawn (SUPPLEMENT_EXPIRY withdraw)', () => {
  let api: InProcessStack;
  let drive: ReturnType<typeof caseDriver>;
  beforeAll(async () => {
    api = await startStack({ workers: 1, env: { SUPPLEMENT_EXPIRY: 'withdraw' } });
    drive = caseDriver(api.call, 7200);
  });
  afterAll(() => api.stop());

  it('withdraws the case once, as the system, with the reason, tells the applicant, and stops its clocks', async () => {
    const c = await drive.arrived();
    await drive.send(c, OFFICER, { type: 'REQUEST_SUPPLEMENT', items: ['户口簿'], note: '请补正' });
    await ageClockPastDue(api.dataSource, c.id, 'supplement');
    const sweep = api.app.get(ClockSweep);
    await Promise.all([sweep.sweep(), sweep.sweep()]);
    await drive.reach(c, 'withdrawn');
    const withdrawals = (await drive.history(c)).filter((e) => e.type === 'WITHDRAW');
    expect(withdrawals).toHaveLength(1);
    expect(withdrawals[0]).toMatchObject({
      actorRole: 'system',
      payload: { reason: '逾期未补正材料，视为撤回申请' },
    });
    // The applicant is told, once, by SMS, with the reason.
    const notices = (await api.call<any[]>('GET', `/notices?caseId=${c.id}`, CLERK)).body;
    const told = notices.filter((x) => x.kind === 'withdrawn');
    expect(told.map((x) => [x.channel, x.addressee])).toEqual([['sms', 'applicant']]);
    expect(told[0].text).toContain('撤回，办理终止。原因：逾期未补正材料，视为撤回申请。');
    const clocks = (await drive.view(c)).clocks as any[];
    expect(clocks.every((k) => k.status !== 'running' && k.status !== 'paused')).toBe(true);
  });
});

describe("clocks: the acceptance clock started by the papers' arrival (ACCEPTANCE_CLOCK_STARTS_ON arrival)", () => {
  let api: InProcessStack;
  let drive: ReturnType<typeof caseDriver>;
  beforeAll(async () => {
    api = await startStack({ workers: 1, env: { ACCEPTANCE_CLOCK_STARTS_ON: 'arrival' } });
    drive = caseDriver(api.call, 7250);
  });
  afterAll(() => api.stop());

  it('starts no acceptance clock at receipt, and one at the arrival recorded in the history (the check-in, 签收)', async () => {
    const c = await drive.verified();
    expect(((await drive.view(c)).clocks as any[]).map((k) => k.stage)).not.toContain('acceptance');
    await drive.arrived(c);
    const acceptance = ((await drive.view(c)).clocks as any[]).find((k) => k.stage === 'acceptance');
    // Papers by courier arrive when the officer checks their parcel in, not when the carrier delivers.
    const arrival = (await drive.history(c)).find((e) => e.type === 'CHECK_IN');
    expect(acceptance).toMatchObject({
      status: 'running',
      budgetWorkingDays: 5,
      startedAt: arrival.occurredAt,
    });
    const due = await api.call(
      'GET',
      `/calendar/due-date?from=${encodeURIComponent(arrival.occurredAt)}&workingDays=5`,
      CLERK,
    );
    expect(acceptance.dueDate).toBe(due.body.dueDate);
  });
});
