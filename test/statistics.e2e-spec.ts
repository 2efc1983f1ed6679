import { parse } from 'csv-parse/sync';
import { CLOCK_STATE_LABELS } from '@app/cases';
import { beijingTime } from '@app/common';
import { ageClock, clocksOf } from './support/clocks';
import { CLOCK_STAGE_LABELS, PARTY_LABELS } from '@app/workflow';
import { verifyAtWindow } from './support/cases';
import { nextWaybill, notarisationApplication, TEST_STAFF_PASSWORD } from './support/fixtures';
import { signIn } from './support/http';
import { checkInCase } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
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

/** The grade columns of the satisfaction tables: evaluations given, then each grade's count. */
const GRADE_HEADERS = ['评价数', '非常满意', '满意', '基本满意', '不满意', '非常不满意'];

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
    ['lateClocks', s.clocks.late.total],
    ['transferExceptions', s.transferExceptions],
    ...s.crossBorder.flatMap((x: any) => [
      [`cross:${x.month}`, x.count],
      [`forOthers:${x.month}`, x.receivedForOthers],
      [`byOthers:${x.month}`, x.receivedByOthers],
    ]),
    ['evaluations', s.evaluations.total],
    ...s.evaluations.byWindow.flatMap((x: any) => [
      [`rated:${x.windowCode}`, x.count],
      ...Object.entries(x.byGrade).map(([grade, n]) => [`${grade}:${x.windowCode}`, n]),
    ]),
    ...s.evaluations.byJurisdiction.flatMap((x: any) => [
      [`rated:${x.jurisdictionCode}`, x.count],
      ...Object.entries(x.byGrade).map(([grade, n]) => [`${grade}:${x.jurisdictionCode}`, n]),
    ]),
    ['unsatisfied', s.evaluations.unsatisfied.length],
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
/** This month, yyyy-mm, in China Standard Time. */
const thisMonth = chinaDate().slice(0, 7);

/**
 * Supervision (督查) against real PostgreSQL, Redis and the worker: five cases received at 岱山县
 * for 上海市浦东新区 end in different states (accepted, refused and evaluated, parcel lost, still
 * received, left in the inbox past its acceptance clock while the worker's sweep is down), and each
 * supervisor sees what their division holds: the overdue clock until the sweep catches up, nothing of another division's,
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

  /** A CSV download of `path`, as `as` (signed in once): status, content type and text as sent (BOM included). */
  const tokens = new Map<string, Promise<string>>();
  const csv = async (as: string, path: string) => {
    if (!tokens.has(as)) tokens.set(as, signIn(api.baseUrl, as, TEST_STAFF_PASSWORD));
    const res = await fetch(api.baseUrl + path, {
      headers: { authorization: `Bearer ${await tokens.get(as)}` },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type'), text: bytes.toString('utf8') };
  };
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
  /** Forwarded by courier, its parcel checked in by the officer (签收): awaiting acceptance. */
  const arrived = async (): Promise<Case> => {
    const c = await forwarded(waybill('SF'));
    await checkInCase(api.call, OFFICER, c.id);
    await reach(c, 'forwarded.awaitingAcceptance');
    return c;
  };
  const lateCaseIds = (s: any): string[] => s.clocks.late.clocks.map((c: { caseId: string }) => c.caseId);

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

    // The sweep is down (the worker stops): nobody answers the last arrival within its acceptance
    // period (5 working days, 行政许可法 art. 32), as if it had arrived 30 days ago.
    const unanswered = await arrived();
    await api.stopWorkers();
    await ageClock(api.dataSource, unanswered.id, 'acceptance', 30);
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
      lateClocks: 1,
      transferExceptions: 1,
      // All five received at 岱山县 for 上海市浦东新区: across the border, this month (Beijing time).
      [`cross:${thisMonth}`]: 5,
      [`forOthers:${thisMonth}`]: 5,
      // The one evaluation, a single grade, rates both sides alike.
      evaluations: 1,
      'rated:W330921': 1,
      'satisfied:W330921': 1,
      'rated:J310115-SFJ': 1,
      'satisfied:J310115-SFJ': 1,
    });
    expect(during.daishan).toMatchObject({ divisionCode: '330921' });
    expect(during.daishan.byState.find((s: any) => s.state === 'transferException').label).toBe('转递异常');
    expect(during.daishan.byWindow).toContainEqual({
      windowCode: 'W330921',
      windowName: '岱山县行政服务中心',
      count: during.daishan.received,
    });

    // The overdue clock: the case's acceptance clock, charged to the home jurisdiction, due as stored.
    const [acceptance] = (await clocksOf(api.dataSource, unanswered.id)).filter(
      (k) => k.stage === 'acceptance',
    );
    const overdue = during.daishan.clocks.late.clocks.find((c: any) => c.caseId === unanswered.id);
    expect(overdue).toMatchObject({
      caseNumber: unanswered.caseNumber,
      itemCode: 'KS1-001',
      windowCode: 'W330921',
      jurisdictionCode: 'J310115-SFJ',
      stage: 'acceptance',
      party: 'homeJurisdiction',
      status: 'overdue',
      dueDate: acceptance.due_date,
      dueAt: beijingTime(acceptance.due_at),
    });
    expect(overdue.workingDaysLeft).toBeLessThan(0);
    expect(Date.parse(overdue.dueAt)).toBeLessThan(Date.parse(during.daishan.asOf));
    expect(during.daishan.clocks.byParty).toContainEqual(
      expect.objectContaining({ party: 'homeJurisdiction' }),
    );

    // 舟山市 holds 岱山县's window: all five. 浦东新区 owns the cases wherever received, from their
    // arrival on: the three that reached it (accepted, refused, unanswered), not the lost parcel nor
    // the one still at the window. 南京市 sees none of them.
    expect(changes(before.zhoushan, during.zhoushan)).toMatchObject({ received: 5, 'window:W330921': 5 });
    const pudong = changes(before.pudong, during.pudong);
    expect(pudong).toMatchObject({
      received: 3,
      'window:W330921': 3,
      'jurisdiction:J310115-SFJ': 3,
      [`byOthers:${thisMonth}`]: 3,
    });
    expect(pudong).not.toHaveProperty('jurisdiction:J310115-RSJ');
    expect(lateCaseIds(during.pudong)).toContain(unanswered.id);
    expect(changes(before.nanjing, during.nanjing)).toEqual({});
    expect(lateCaseIds(during.nanjing)).not.toContain(unanswered.id);

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
    expect(tomorrow).toMatchObject({ received: 0, clocks: { late: { total: 0, clocks: [] } } });
    expect(Date.parse(tomorrow.from)).toBe(Date.parse(`${chinaDate(1)}T00:00:00+08:00`));

    // The sweep catches up: the case is deemed accepted and its clock leaves the late list.
    await api.startWorker();
    await reach(unanswered, 'accepted.processing');
    expect(changes(during.daishan, await statistics(SUPERVISORS.daishan))).toEqual({
      'state:forwarded.awaitingAcceptance': -1,
      'state:accepted.processing': 1,
      'deemedAccepted:J310115-SFJ': 1,
      lateClocks: -1,
    });
  });

  it('counts cases across the border per month in Beijing time, both sides rated, every 差评, each table as CSV', async () => {
    const before = await everyDivision();
    // Two received at 岱山县 for 浦东新区, one just before and one just after midnight of 1 November
    // Beijing time (31 October UTC both): the receipt is moved back, as if received then.
    const october = await arrived();
    const november = await arrived();
    const receivedAt = (c: Case, at: string) =>
      api.dataSource.query(`UPDATE applications SET created_at = $2 WHERE id = $1`, [c.id, at]);
    await receivedAt(october, '2026-10-31T15:30:00Z');
    await receivedAt(november, '2026-10-31T16:30:00Z');
    for (const c of [october, november]) {
      await send(c, OFFICER, { type: 'ACCEPT' });
      await send(c, OFFICER, {
        type: 'APPROVE',
        result: { documentType: '公证书', documentNumber: c.caseNumber },
      });
      await send(c, OFFICER, { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: waybill('EMS') });
      await reach(c, 'resultDelivered');
    }
    const rate = (c: Case, body: object) =>
      api.call('POST', `/track/${c.caseNumber}/evaluation?code=${c.queryCode}`, { body });
    // One grade for both sides (the older body); then each side on its own, the jurisdiction's a 差评.
    expect((await rate(october, { grade: 'dissatisfied' })).status).toBe(201);
    const rated = await rate(november, {
      windowGrade: 'very_satisfied',
      jurisdictionGrade: 'very_dissatisfied',
      comment: '补正告知前后不一',
    });
    expect(rated).toMatchObject({
      status: 201,
      body: {
        window: { grade: 'very_satisfied', label: '非常满意' },
        jurisdiction: { grade: 'very_dissatisfied', label: '非常不满意' },
      },
    });
    // Nothing is assumed: a side left out, or both kinds of body at once, is refused.
    for (const body of [
      { windowGrade: 'satisfied' },
      { grade: 'satisfied', jurisdictionGrade: 'satisfied' },
      {},
    ]) {
      expect((await rate(november, body)).status).toBe(400);
    }
    const verify = await api.call('GET', `/applications/${november.id}/history/verify`, DAISHAN_CLERK);
    expect(verify.body.verdict).toMatchObject({ intact: true });
    const tracked = await api.call('GET', `/track/${november.caseNumber}?code=${november.queryCode}`);
    expect(tracked.body.evaluation).toEqual({ ...rated.body, caseNumber: undefined, createdAt: undefined });

    const after = await everyDivision();
    expect(changes(before.daishan, after.daishan)).toEqual({
      received: 2,
      'state:resultDelivered': 2,
      'item:KS1-001': 2,
      'window:W330921': 2,
      'jurisdiction:J310115-SFJ': 2,
      'cross:2026-10': 1,
      'forOthers:2026-10': 1,
      'cross:2026-11': 1,
      'forOthers:2026-11': 1,
      evaluations: 2,
      'rated:W330921': 2,
      'dissatisfied:W330921': 1,
      'very_satisfied:W330921': 1,
      'rated:J310115-SFJ': 2,
      'dissatisfied:J310115-SFJ': 1,
      'very_dissatisfied:J310115-SFJ': 1,
      unsatisfied: 3,
    });
    // The same cases seen from 浦东新区: received for it elsewhere, each once.
    expect(changes(before.pudong, after.pudong)).toMatchObject({
      'cross:2026-10': 1,
      'byOthers:2026-10': 1,
      'cross:2026-11': 1,
      'byOthers:2026-11': 1,
    });
    expect(changes(before.pudong, after.pudong)).not.toHaveProperty('forOthers:2026-11');
    expect(changes(before.nanjing, after.nanjing)).toEqual({});

    const complaints = after.daishan.evaluations.unsatisfied.filter((u: any) =>
      [october.caseNumber, november.caseNumber].includes(u.caseNumber),
    );
    // Each 差评 side has its rectification clock running (15 working days, issue 12 item 3).
    const common = {
      rectification: expect.objectContaining({ state: 'running', usedWorkingDays: null, rectifiedAt: null }),
    };
    expect(complaints).toEqual([
      {
        ...common,
        caseNumber: november.caseNumber,
        side: 'jurisdiction',
        partyCode: 'J310115-SFJ',
        partyName: '上海市浦东新区 市司法局',
        grade: 'very_dissatisfied',
        gradeLabel: '非常不满意',
        comment: '补正告知前后不一',
        evaluatedAt: rated.body.createdAt,
      },
      ...(['window', 'jurisdiction'] as const).map((side) => ({
        ...common,
        caseNumber: october.caseNumber,
        side,
        partyCode: side === 'window' ? 'W330921' : 'J310115-SFJ',
        partyName: side === 'window' ? '岱山县行政服务中心' : '上海市浦东新区 市司法局',
        grade: 'dissatisfied',
        gradeLabel: '不满意',
        comment: null,
        evaluatedAt: expect.stringMatching(/\+08:00$/),
      })),
    ]);
    // Both sides of October's case rated badly: a clock for each side, open side by side.
    const octoberClocks = (await clocksOf(api.dataSource, october.id)).filter(
      (k) => k.stage === 'rectification',
    );
    expect(octoberClocks.map((k) => [k.party, k.status, k.budget_working_days]).sort()).toEqual([
      ['homeJurisdiction', 'running', 15],
      ['window', 'running', 15],
    ]);

    // Each table as CSV, read back: the JSON's rows under Chinese headers.
    const json = await statistics(SUPERVISORS.daishan);
    const gradeCells = (x: any) => [x.count, ...Object.values(x.byGrade)];
    const stageLabels: Record<string, string> = CLOCK_STAGE_LABELS;
    const partyLabels: Record<string, string> = PARTY_LABELS;
    // Every state a rectification can be in: other files' cases closed theirs, in time or late.
    const rectificationLabels: Record<string, string> = CLOCK_STATE_LABELS;
    const tables: Record<string, [string[], any[], (x: any) => unknown[]]> = {
      states: [['状态代码', '状态', '件数'], json.byState, (x) => [x.state, x.label, x.count]],
      items: [['事项编码', '事项名称', '件数'], json.byItem, (x) => [x.itemCode, x.itemName, x.count]],
      windows: [
        ['窗口编码', '收件窗口', '件数'],
        json.byWindow,
        (x) => [x.windowCode, x.windowName, x.count],
      ],
      jurisdictions: [
        ['属地部门编码', '业务属地部门', '件数', '视为受理', '不予受理', '再次补正告知'],
        json.byJurisdiction,
        (x) => [
          x.jurisdictionCode,
          x.name,
          x.count,
          x.deemedAccepted,
          x.refused,
          x.repeatedSupplementRequests,
        ],
      ],
      'late-clocks': [
        [
          '办件编号',
          '事项编码',
          '窗口编码',
          '属地部门编码',
          '环节',
          '责任方',
          '状态',
          '期限',
          '暂定日历',
          '剩余工作日',
        ],
        json.clocks.late.clocks,
        (x) => [
          x.caseNumber,
          x.itemCode,
          x.windowCode,
          x.jurisdictionCode,
          stageLabels[x.stage],
          partyLabels[x.party],
          x.status === 'overdue' ? '超期' : '预警',
          x.dueAt,
          x.provisional ? '是' : '否',
          x.workingDaysLeft,
        ],
      ],
      'cross-border': [
        ['月份', '跨域办件数', '本地窗口代收外地件', '外地窗口代收本地件'],
        json.crossBorder,
        (x) => [x.month, x.count, x.receivedForOthers, x.receivedByOthers],
      ],
      'satisfaction-windows': [
        ['窗口编码', '收件窗口', ...GRADE_HEADERS],
        json.evaluations.byWindow,
        (x) => [x.windowCode, x.windowName, ...gradeCells(x)],
      ],
      'satisfaction-jurisdictions': [
        ['属地部门编码', '业务属地部门', ...GRADE_HEADERS],
        json.evaluations.byJurisdiction,
        (x) => [x.jurisdictionCode, x.name, ...gradeCells(x)],
      ],
      unsatisfied: [
        [
          ...['办件编号', '被评价方', '单位编码', '单位名称', '评价', '评价内容', '评价时间'],
          ...['整改状态', '整改期限', '剩余工作日', '整改用时（工作日）'],
        ],
        json.evaluations.unsatisfied,
        (x) => [
          x.caseNumber,
          x.side === 'window' ? '收件窗口' : '业务属地部门',
          x.partyCode,
          x.partyName,
          x.gradeLabel,
          x.comment ?? '',
          x.evaluatedAt,
          x.rectification ? rectificationLabels[x.rectification.state] : '',
          x.rectification?.dueAt ?? '',
          x.rectification?.workingDaysLeft ?? '',
          x.rectification?.usedWorkingDays ?? '',
        ],
      ],
    };
    for (const [table, [header, rows, cells]] of Object.entries(tables)) {
      const res = await csv(SUPERVISORS.daishan, `/statistics/${table}.csv`);
      expect({ table, status: res.status, type: res.type }).toEqual({
        table,
        status: 200,
        type: 'text/csv; charset=utf-8',
      });
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const parsed: string[][] = parse(res.text, { bom: true });
      expect({ table, parsed }).toEqual({
        table,
        parsed: [header, ...rows.map((x) => cells(x).map(String))],
      });
    }
    expect(tables.unsatisfied[1].length).toBeGreaterThanOrEqual(3);

    // The period applies: November (Beijing time) alone holds only the later case.
    const inNovember = await csv(
      SUPERVISORS.daishan,
      '/statistics/cross-border.csv?from=2026-11-01&to=2026-11-30',
    );
    expect(parse(inNovember.text, { bom: true }).map((r: string[]) => r[0])).toEqual(['月份', '2026-11']);
  });

  it('exports known tables to supervisors only', async () => {
    expect((await csv(SUPERVISORS.daishan, '/statistics/nonsense.csv')).status).toBe(404);
    expect((await csv('clerk-w330921', '/statistics/cross-border.csv')).status).toBe(403);
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
