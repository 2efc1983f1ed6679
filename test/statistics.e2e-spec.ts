import { AppConfig, beijingTime } from '@app/common';
import { verifyAtWindow } from './support/cases';
import { nextWaybill, notarisationApplication } from './support/fixtures';
import { startStack, type InProcessStack } from './support/stack';
import { TEST_ENV } from './support/test-env';
import { eventually } from './support/waiting';

/**
 * The clerk of 岱山县 (W330921), a window where no other test drives cases through the worker: while
 * this file runs, its supervisor's counts move only with the cases received here.
 */
const DAISHAN_CLERK = { as: 'clerk-w330921' };
const OFFICER = { as: 'officer-j310115-sfj' };
const SUPERVISORS = {
  daishan: 'supervisor-330921',
  zhoushan: 'supervisor-330900',
  pudong: 'supervisor-310115',
  nanjing: 'supervisor-320100',
} as const;

interface Case {
  id: string;
  caseNumber: string;
  queryCode: string;
}

/** Every count of a statistics answer, flat: `received`, `state:received`, `window:W330921`, … */
function flat(s: any): Record<string, number> {
  return Object.fromEntries([
    ['received', s.received],
    ...s.byState.map((x: any) => [`state:${x.state}`, x.count]),
    ...s.byItem.map((x: any) => [`item:${x.itemCode}`, x.count]),
    ...s.byWindow.map((x: any) => [`window:${x.windowCode}`, x.count]),
    ...s.byJurisdiction.flatMap((x: any) => [
      [`jurisdiction:${x.jurisdictionCode}`, x.count],
      [`deemedAccepted:${x.jurisdictionCode}`, x.deemedAccepted],
      [`refused:${x.jurisdictionCode}`, x.refused],
    ]),
    ['overdueAcceptance', s.overdueAcceptance.total],
    ['transferExceptions', s.transferExceptions],
    ['evaluations', s.evaluations.total],
    ...Object.entries(s.evaluations.byGrade).map(([grade, n]) => [`grade:${grade}`, n]),
  ]);
}

/** The counts that differ between two answers, as after − before: other test files share the database. */
function changes(before: any, after: any): Record<string, number> {
  const [b, a] = [flat(before), flat(after)];
  return Object.fromEntries(
    [...new Set([...Object.keys(b), ...Object.keys(a)])]
      .map((key) => [key, (a[key] ?? 0) - (b[key] ?? 0)] as const)
      .filter(([, delta]) => delta !== 0),
  );
}

/** yyyy-mm-dd in China Standard Time, `days` from today. */
const chinaDate = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + days * 86_400_000);

/**
 * Supervision (督查) against real PostgreSQL, Redis and the worker: five cases received at 岱山县
 * for 上海市浦东新区 end in different states (accepted, refused and evaluated, parcel lost, still
 * received, left in the inbox while the deadline job is down), and each supervisor sees what their
 * division holds: the overdue case until the deadline job catches up, nothing of another division's,
 * no personal data; every other role is refused.
 */
describe('supervisor statistics (督查)', () => {
  let api: InProcessStack;
  let n = 7000;
  /** Everyone who applied here, to look for their personal data in the answers. */
  const applicants: { name: string; idNumber: string; phone: string }[] = [];
  const waybill = nextWaybill;

  beforeAll(async () => {
    api = await startStack({ workers: 1 });
  });
  afterAll(() => api.stop());

  const statistics = async (as: string, query = '') => {
    const res = await api.call('GET', `/statistics${query}`, { as });
    expect(res.status).toBe(200);
    return res.body;
  };
  const everyDivision = async () => ({
    daishan: await statistics(SUPERVISORS.daishan),
    zhoushan: await statistics(SUPERVISORS.zhoushan),
    pudong: await statistics(SUPERVISORS.pudong),
    nanjing: await statistics(SUPERVISORS.nanjing),
  });
  const send = async (c: Case, actor: object, event: object) => {
    const res = await api.call('POST', `/applications/${c.id}/events`, { ...actor, body: event });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
  };
  const stateOf = async (c: Case) =>
    (await api.call('GET', `/applications/${c.id}`, DAISHAN_CLERK)).body.state as string;
  const reach = (c: Case, state: string, timeoutMs?: number) =>
    eventually(
      () => stateOf(c),
      (s) => s === state,
      { what: `case ${c.caseNumber} in ${state}`, timeoutMs },
    );
  const receive = async (body = notarisationApplication(++n)): Promise<Case> => {
    applicants.push(body.applicant);
    const res = await api.call('POST', '/applications', {
      ...DAISHAN_CLERK,
      body: { ...body, windowCode: 'W330921' },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** Received 学历公证, checked and forwarded by courier under `waybillNumber`. */
  const forwarded = async (waybillNumber: string): Promise<Case> => {
    const c = await receive();
    await verifyAtWindow(api.call, DAISHAN_CLERK, c.id);
    await send(c, DAISHAN_CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber });
    return c;
  };
  const arrived = async (): Promise<Case> => {
    const c = await forwarded(waybill('SF'));
    await reach(c, 'forwarded.awaitingAcceptance');
    return c;
  };
  const overdueIds = async () =>
    (await statistics(SUPERVISORS.daishan)).overdueAcceptance.cases.map((c: { id: string }) => c.id);

  it('counts cases by state, item, window and jurisdiction, shows the overdue one, per division', async () => {
    const before = await everyDivision();
    const between = `?from=${chinaDate(-1)}&to=${chinaDate(1)}`;
    const untilYesterday = `?to=${chinaDate(-1)}`;
    const beforeBetween = await statistics(SUPERVISORS.daishan, between);
    const beforeUntilYesterday = await statistics(SUPERVISORS.daishan, untilYesterday);

    const accepted = await arrived();
    await send(accepted, OFFICER, { type: 'ACCEPT' });

    const refused = await arrived();
    await send(refused, OFFICER, {
      type: 'REFUSE',
      reason: '不属于本机关职权范围',
      legalBasis: '《行政许可法》第三十二条',
    });
    await send(refused, OFFICER, { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: waybill('EMS') });
    await reach(refused, 'resultDelivered');
    const rated = await api.call(
      'POST',
      `/track/${refused.caseNumber}/evaluation?code=${refused.queryCode}`,
      {
        body: { grade: 'satisfied' },
      },
    );
    expect(rated.status).toBe(201);

    const lost = await forwarded(waybill('LOST'));
    await reach(lost, 'transferException');

    // 失业登记 for the 浦东新区 人社局: received, not yet checked.
    const item = (await api.call('GET', '/items/KS1-005')).body;
    await receive({
      ...notarisationApplication(++n),
      itemCode: 'KS1-005',
      jurisdictionCode: 'J310115-RSJ',
      materials: item.checklist.map(({ name, form }: { name: string; form: string }) => ({ name, form })),
    });

    // The deadline job is down (the worker stops): nobody answers the last arrival within the period.
    const unanswered = await arrived();
    await api.stopWorkers();
    const period = Number(TEST_ENV.ACCEPTANCE_PERIOD_MS);
    await eventually(overdueIds, (ids) => ids.includes(unanswered.id), {
      what: `case ${unanswered.caseNumber} overdue`,
      timeoutMs: period + 5000,
    });
    const during = await everyDivision();

    expect(changes(before.daishan, during.daishan)).toEqual({
      received: 5,
      'state:received': 1,
      'state:forwarded.awaitingAcceptance': 1,
      'state:accepted.processing': 1,
      'state:transferException': 1,
      'state:resultDelivered': 1,
      'item:KS1-001': 4,
      'item:KS1-005': 1,
      'window:W330921': 5,
      'jurisdiction:J310115-SFJ': 4,
      'jurisdiction:J310115-RSJ': 1,
      'refused:J310115-SFJ': 1,
      overdueAcceptance: 1,
      transferExceptions: 1,
      evaluations: 1,
      'grade:satisfied': 1,
    });
    expect(during.daishan).toMatchObject({ divisionCode: '330921', acceptancePeriodMs: period });
    expect(during.daishan.byState.find((s: any) => s.state === 'transferException').label).toBe('转递异常');
    expect(during.daishan.byWindow).toContainEqual({
      windowCode: 'W330921',
      windowName: '岱山县行政服务中心',
      count: during.daishan.received,
    });

    // The overdue case: since its papers arrived, past the period, as the audit trail records it.
    const history = (await api.call<any[]>('GET', `/applications/${unanswered.id}/history`, DAISHAN_CLERK))
      .body;
    const arrival = history.find((e) => e.type === 'TRANSFER_DELIVERED');
    const overdue = during.daishan.overdueAcceptance.cases.find((c: any) => c.id === unanswered.id);
    expect(overdue).toMatchObject({
      caseNumber: unanswered.caseNumber,
      itemCode: 'KS1-001',
      windowCode: 'W330921',
      jurisdictionCode: 'J310115-SFJ',
      arrivedAt: arrival.occurredAt,
    });
    // Its deadline is the one set when the papers arrived (delivery + the period configured then).
    const [forward] = await api.dataSource.query(
      `SELECT delivered_at, acceptance_due_at FROM transfers WHERE application_id = $1 AND direction = 'forward'`,
      [unanswered.id],
    );
    expect(forward.acceptance_due_at.getTime()).toBe(forward.delivered_at.getTime() + period);
    expect(overdue.dueAt).toBe(beijingTime(forward.acceptance_due_at));
    expect(overdue.overdueMs).toBeGreaterThan(0);
    expect(overdue.overdueMs).toBe(Date.parse(during.daishan.asOf) - Date.parse(overdue.dueAt));

    // The period is lengthened after the arrival: the case was given the old deadline, and stays overdue.
    const config = api.app.get(AppConfig);
    config.ACCEPTANCE_PERIOD_MS = 30 * 86_400_000;
    try {
      const lengthened = await statistics(SUPERVISORS.daishan);
      expect(lengthened.acceptancePeriodMs).toBe(30 * 86_400_000);
      expect(lengthened.overdueAcceptance.cases.find((c: any) => c.id === unanswered.id)).toMatchObject({
        dueAt: overdue.dueAt,
      });
    } finally {
      config.ACCEPTANCE_PERIOD_MS = period;
    }

    // 舟山市 holds 岱山县's window: all five. 浦东新区 owns the cases wherever received, from their
    // arrival on: the three that reached it (accepted, refused, unanswered), not the lost parcel nor
    // the one still at the window. 南京市 sees none of them.
    expect(changes(before.zhoushan, during.zhoushan)).toMatchObject({ received: 5, 'window:W330921': 5 });
    const pudong = changes(before.pudong, during.pudong);
    expect(pudong).toMatchObject({ received: 3, 'window:W330921': 3, 'jurisdiction:J310115-SFJ': 3 });
    expect(pudong).not.toHaveProperty('jurisdiction:J310115-RSJ');
    expect(during.pudong.overdueAcceptance.cases.map((c: any) => c.id)).toContain(unanswered.id);
    expect(changes(before.nanjing, during.nanjing)).toEqual({});
    expect(during.nanjing.overdueAcceptance.cases.map((c: any) => c.id)).not.toContain(unanswered.id);

    // Counts, names and case numbers only: nothing of the applicants.
    const everything = JSON.stringify(during);
    expect(applicants).toHaveLength(5);
    for (const { name, idNumber, phone } of applicants) {
      for (const personal of [name, idNumber, phone]) expect(everything).not.toContain(personal);
    }

    // The period counts cases by the day received: the five fall between yesterday and tomorrow,
    // none up to yesterday and none from tomorrow.
    expect(changes(beforeBetween, await statistics(SUPERVISORS.daishan, between))).toMatchObject({
      received: 5,
    });
    expect(changes(beforeUntilYesterday, await statistics(SUPERVISORS.daishan, untilYesterday))).toEqual({});
    const tomorrow = await statistics(SUPERVISORS.daishan, `?from=${chinaDate(1)}`);
    expect(tomorrow).toMatchObject({ received: 0, overdueAcceptance: { total: 0, cases: [] } });
    expect(Date.parse(tomorrow.from)).toBe(Date.parse(`${chinaDate(1)}T00:00:00+08:00`));

    // The deadline job catches up: the case is deemed accepted and leaves the overdue list.
    await api.startWorker();
    await reach(unanswered, 'accepted.processing', period + 10_000);
    expect(changes(during.daishan, await statistics(SUPERVISORS.daishan))).toEqual({
      'state:forwarded.awaitingAcceptance': -1,
      'state:accepted.processing': 1,
      'deemedAccepted:J310115-SFJ': 1,
      overdueAcceptance: -1,
    });
  });

  it('answers supervisors only', async () => {
    for (const as of ['clerk-w330921', 'officer-j310115-sfj', 'admin']) {
      const res = await api.call('GET', '/statistics', { as });
      expect({ as, status: res.status }).toEqual({ as, status: 403 });
    }
    const anonymous = await api.call('GET', '/statistics');
    expect(anonymous.status).toBe(401);
  });

  it('names the wrong date', async () => {
    const wrong = await api.call('GET', '/statistics?from=2026-02-30', { as: SUPERVISORS.daishan });
    expect(wrong).toMatchObject({
      status: 400,
      body: { details: [{ field: 'from', message: 'must be a date yyyy-mm-dd, e.g. 2026-03-01' }] },
    });
    const reversed = await api.call('GET', '/statistics?from=2026-03-02&to=2026-03-01', {
      as: SUPERVISORS.daishan,
    });
    expect(reversed).toMatchObject({
      status: 400,
      body: { details: [{ field: 'from', message: 'must not be after to' }] },
    });
  });
});
