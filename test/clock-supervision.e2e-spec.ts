import { parse } from 'csv-parse/sync';
import { beijingTime } from '@app/common';
import { verifyAtWindow } from './support/cases';
import { ageClock, clocksOf } from './support/clocks';
import { nextWaybill, notarisationApplication, TEST_STAFF_PASSWORD } from './support/fixtures';
import { signIn } from './support/http';
import { checkInCase } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
import { eventually } from './support/waiting';

const CLERK = { as: 'clerk-w330921' };
const OFFICER = { as: 'officer-j310115-sfj' };
const SUPERVISOR = { as: 'supervisor-330921' };

/**
 * The cases of this file are moved to March 2019 (their receipt, `created_at`), a month no other
 * file receives in: supervision asked for that period counts them alone, whatever else the shared
 * database holds. Their clocks keep their own moments.
 */
const PERIOD = '?from=2019-03-01&to=2019-03-31';
const RECEIVED_AT = '2019-03-04T02:00:00Z';

/** percentile_cont as PostgreSQL computes it: linear interpolation between the closest ranks. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low] + (rank - low) * ((sorted[Math.ceil(rank)] ?? sorted[low]) - sorted[low]);
}

/**
 * Clocks under supervision (issue 12 items 3 and 7) against real PostgreSQL, Redis and the worker
 * sweeping every 200 ms: a 差评 of the home jurisdiction starts its rectification clock, which only
 * its officer closes, in the case's history; the supervisor sees clocks warned and overdue with the
 * party responsible, counts per party, and per stage the median and 90th percentile of the working
 * days used; each table as CSV.
 */
describe('clocks under supervision (督查)', () => {
  let api: InProcessStack;
  let n = 7600;

  beforeAll(async () => {
    api = await startStack({ workers: 1 });
  });
  afterAll(() => api.stop());

  const send = async (id: string, actor: object, event: object) => {
    const res = await api.call('POST', `/applications/${id}/events`, { ...actor, body: event });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
  };
  const stateOf = async (id: string) => (await api.call('GET', `/applications/${id}`, CLERK)).body.state;
  const reach = (id: string, state: string) =>
    eventually(
      () => stateOf(id),
      (s) => s === state,
      { what: `case ${id} in ${state}` },
    );
  /** A case received at 岱山县 for 浦东新区's 司法局, arrived and accepted, its receipt moved to March 2019. */
  const accepted = async () => {
    const res = await api.call('POST', '/applications', {
      ...CLERK,
      body: { ...notarisationApplication(++n), windowCode: 'W330921' },
    });
    expect(res.status).toBe(201);
    const c: { id: string; caseNumber: string; queryCode: string } = res.body;
    await verifyAtWindow(api.call, CLERK, c.id);
    await send(c.id, CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill('SF') });
    await checkInCase(api.call, OFFICER, c.id);
    await reach(c.id, 'forwarded.awaitingAcceptance');
    await send(c.id, OFFICER, { type: 'ACCEPT' });
    await api.dataSource.query(`UPDATE applications SET created_at = $2 WHERE id = $1`, [c.id, RECEIVED_AT]);
    return c;
  };
  const approve = (id: string, caseNumber: string) =>
    send(id, OFFICER, { type: 'APPROVE', result: { documentType: '公证书', documentNumber: caseNumber } });
  const statistics = async () => {
    const res = await api.call('GET', `/statistics${PERIOD}`, SUPERVISOR);
    expect(res.status).toBe(200);
    return res.body;
  };
  const rectify = (id: string, as: object, side: string) =>
    api.call('POST', `/applications/${id}/rectification`, { ...as, body: { side, note: '已约谈经办人员' } });
  let token: Promise<string> | undefined;
  const csv = async (table: string) => {
    token ??= signIn(api.baseUrl, SUPERVISOR.as, TEST_STAFF_PASSWORD);
    const res = await fetch(`${api.baseUrl}/statistics/${table}.csv${PERIOD}`, {
      headers: { authorization: `Bearer ${await token}` },
    });
    expect(res.status).toBe(200);
    const rows: string[][] = parse(await res.text(), { bom: true });
    return rows;
  };

  /** An accepted case decided, its result delivered, and evaluated with `grades`. */
  const rated = async (grades: object) => {
    const c = await accepted();
    await approve(c.id, c.caseNumber);
    await send(c.id, OFFICER, { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: nextWaybill('EMS') });
    await reach(c.id, 'resultDelivered');
    const evaluation = await api.call('POST', `/track/${c.caseNumber}/evaluation?code=${c.queryCode}`, {
      body: grades,
    });
    expect(evaluation.status).toBe(201);
    return { c, evaluatedAt: evaluation.body.createdAt as string };
  };

  it('starts a rectification clock for a 差评 of the home jurisdiction, which only its officer closes', async () => {
    const { c, evaluatedAt } = await rated({
      windowGrade: 'satisfied',
      jurisdictionGrade: 'dissatisfied',
      comment: '补正告知前后不一',
    });

    // One clock, charged to the home jurisdiction, 15 working days from the evaluation on the calendar.
    const rectification = (await clocksOf(api.dataSource, c.id)).filter((k) => k.stage === 'rectification');
    const due = await api.call(
      'GET',
      `/calendar/due-date?from=${encodeURIComponent(evaluatedAt)}&workingDays=15`,
      OFFICER,
    );
    expect(due.status).toBe(200);
    expect(rectification).toEqual([
      expect.objectContaining({
        party: 'homeJurisdiction',
        status: 'running',
        budget_working_days: 15,
        due_date: due.body.dueDate,
        provisional: due.body.provisional,
      }),
    ]);
    expect(beijingTime(rectification[0].due_at)).toBe(due.body.dueAt);

    // The supervisor sees the 差评 with its clock running.
    const complaint = (await statistics()).evaluations.unsatisfied.find(
      (u: any) => u.caseNumber === c.caseNumber,
    );
    expect(complaint).toMatchObject({
      side: 'jurisdiction',
      rectification: {
        state: 'running',
        dueDate: due.body.dueDate,
        dueAt: due.body.dueAt,
        usedWorkingDays: null,
        rectifiedAt: null,
      },
    });
    // 15 working days after the day it counts from: one more when rated after office hours or on a day off.
    expect(complaint.rectification.workingDaysLeft).toBeGreaterThanOrEqual(15);
    expect(complaint.rectification.workingDaysLeft).toBeLessThanOrEqual(16);

    // The window's clerk may not close the jurisdiction's, and the window was not rated badly.
    expect(await rectify(c.id, CLERK, 'jurisdiction')).toMatchObject({
      status: 403,
      body: { details: { role: 'clerk', side: 'jurisdiction' } },
    });
    expect(await rectify(c.id, CLERK, 'window')).toMatchObject({
      status: 409,
      body: { details: { reason: 'no_rectification_clock', side: 'window' } },
    });
    expect((await rectify(c.id, OFFICER, 'sideways')).status).toBe(400);

    const done = await rectify(c.id, OFFICER, 'jurisdiction');
    expect(done).toMatchObject({
      status: 200,
      body: { side: 'jurisdiction', note: '已约谈经办人员', outcome: 'met', clockId: rectification[0].id },
    });
    expect(done.body.usedWorkingDays).toBeLessThanOrEqual(1);
    // Once: the clock is stopped.
    expect((await rectify(c.id, OFFICER, 'jurisdiction')).status).toBe(409);

    const history = (await api.call<any[]>('GET', `/applications/${c.id}/history`, OFFICER)).body;
    expect(history.at(-1)).toMatchObject({
      type: 'RECTIFIED',
      fromState: 'resultDelivered',
      toState: 'resultDelivered',
      actorRole: 'officer',
      actorId: 'officer-j310115-sfj',
      payload: { side: 'jurisdiction', note: '已约谈经办人员', clockId: rectification[0].id, outcome: 'met' },
    });
    const verify = await api.call('GET', `/applications/${c.id}/history/verify`, OFFICER);
    expect(verify.body.verdict).toMatchObject({ intact: true });
    expect((await clocksOf(api.dataSource, c.id)).find((k) => k.stage === 'rectification')).toMatchObject({
      status: 'stopped',
      outcome: 'met',
    });

    const after = (await statistics()).evaluations.unsatisfied.find(
      (u: any) => u.caseNumber === c.caseNumber,
    );
    expect(after.rectification).toMatchObject({
      state: 'met',
      workingDaysLeft: null,
      usedWorkingDays: done.body.usedWorkingDays,
      rectifiedAt: done.body.rectifiedAt,
    });
    const rows = await csv('unsatisfied');
    expect(rows[0].slice(7)).toEqual(['整改状态', '整改期限', '剩余工作日', '整改用时（工作日）']);
    expect(rows.find((r) => r[0] === c.caseNumber)?.slice(7)).toEqual([
      '按期完成',
      due.body.dueAt,
      '',
      String(done.body.usedWorkingDays),
    ]);
  });

  it('shows clocks warned and overdue with the party responsible, and the working days each stage took', async () => {
    // Running decision clocks: one long overdue, one past its warning only.
    const overdue = await accepted();
    const warned = await accepted();
    await ageClock(api.dataSource, overdue.id, 'decision', 60);
    const [decision] = (await clocksOf(api.dataSource, warned.id)).filter((k) => k.stage === 'decision');
    const day = 86_400_000;
    const toWarning = Math.ceil((decision.warn_at.getTime() - Date.now()) / day) + 1;
    expect(decision.due_at.getTime() - toWarning * day).toBeGreaterThan(Date.now() + day);
    await ageClock(api.dataSource, warned.id, 'decision', toWarning);

    // Decided cases: decision clocks stopped after so many days, the last one late.
    const decided = [];
    for (const days of [3, 8, 15, 60]) {
      const c = await accepted();
      await ageClock(api.dataSource, c.id, 'decision', days);
      await approve(c.id, c.caseNumber);
      decided.push(c);
    }

    const marked = (id: string, column: 'warned_at' | 'overdue_at') =>
      eventually(
        async () => (await clocksOf(api.dataSource, id)).find((k) => k.stage === 'decision'),
        (k) => k?.[column] != null,
        { what: `the sweep marks ${id} ${column}` },
      );
    await marked(overdue.id, 'overdue_at');
    const warnedClock = await marked(warned.id, 'warned_at');
    expect(warnedClock!.overdue_at).toBeNull();

    const { clocks, asOf } = await statistics();
    const late = clocks.late.clocks.map((k: any) => [k.caseNumber, k.stage, k.party, k.status]);
    expect(late).toEqual([
      [overdue.caseNumber, 'decision', 'homeJurisdiction', 'overdue'],
      [warned.caseNumber, 'decision', 'homeJurisdiction', 'warned'],
    ]);
    expect(clocks.late.total).toBe(2);
    const [o, w] = clocks.late.clocks;
    expect(Date.parse(o.dueAt)).toBeLessThan(Date.parse(asOf));
    expect(o.workingDaysLeft).toBeLessThan(0);
    expect(o.overdueAt).toMatch(/\+08:00$/);
    expect(Date.parse(w.dueAt)).toBeGreaterThan(Date.parse(asOf));
    expect(w.workingDaysLeft).toBeGreaterThanOrEqual(0);
    expect(clocks.byParty).toEqual([{ party: 'homeJurisdiction', overdue: 1, warned: 1 }]);

    // Per stage, over every stopped clock of the period's cases, as PostgreSQL's percentile_cont.
    const stopped: { stage: string; outcome: string; used: number }[] = await api.dataSource.query(
      `SELECT c.stage, c.outcome, c.used_working_days AS used FROM clocks c
         JOIN applications a ON a.id = c.application_id
        WHERE a.created_at = $1 AND c.status = 'stopped' AND c.outcome IN ('met', 'late')`,
      [RECEIVED_AT],
    );
    const decisions = stopped.filter((k) => k.stage === 'decision');
    expect(decisions.length).toBeGreaterThanOrEqual(decided.length);
    const stages = [...new Set(stopped.map((k) => k.stage))].sort();
    expect(clocks.byStage).toEqual(
      stages.map((stage) => {
        const of = stopped.filter((k) => k.stage === stage);
        const used = of.map((k) => k.used);
        return {
          stage,
          met: of.filter((k) => k.outcome === 'met').length,
          late: of.filter((k) => k.outcome === 'late').length,
          medianWorkingDays: expect.closeTo(percentile(used, 0.5), 9),
          p90WorkingDays: expect.closeTo(percentile(used, 0.9), 9),
        };
      }),
    );
    const decisionRow = clocks.byStage.find((s: any) => s.stage === 'decision');
    expect(decisionRow.late).toBeGreaterThanOrEqual(1);
    expect(decisionRow.p90WorkingDays).toBeGreaterThan(decisionRow.medianWorkingDays);

    // Each table as CSV, as the JSON says.
    expect(await csv('late-clocks')).toEqual([
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
      ...clocks.late.clocks.map((k: any) => [
        k.caseNumber,
        k.itemCode,
        k.windowCode,
        k.jurisdictionCode,
        '审查决定',
        '业务属地部门',
        k.status === 'overdue' ? '超期' : '预警',
        k.dueAt,
        k.provisional ? '是' : '否',
        String(k.workingDaysLeft),
      ]),
    ]);
    expect(await csv('late-clocks-by-party')).toEqual([
      ['责任方', '超期', '预警'],
      ['业务属地部门', '1', '1'],
    ]);
    const durations = await csv('stage-durations');
    expect(durations[0]).toEqual(['环节', '按期', '超期', '用时中位数（工作日）', '用时90分位（工作日）']);
    expect(durations.find((r) => r[0] === '审查决定')).toEqual([
      '审查决定',
      String(decisionRow.met),
      String(decisionRow.late),
      String(decisionRow.medianWorkingDays),
      String(decisionRow.p90WorkingDays),
    ]);

    // Deciding the overdue case stops its clock, late: it leaves the late list.
    await approve(overdue.id, overdue.caseNumber);
    const later = await statistics();
    expect(later.clocks.late.clocks.map((k: any) => k.caseNumber)).toEqual([warned.caseNumber]);
    expect(later.clocks.byStage.find((s: any) => s.stage === 'decision').late).toBe(decisionRow.late + 1);
  });

  it("marks a window's rectification overdue, and closed after the due moment it is late", async () => {
    const { c } = await rated({ windowGrade: 'very_dissatisfied', jurisdictionGrade: 'satisfied' });
    expect((await rectify(c.id, OFFICER, 'window')).status).toBe(403);
    await ageClock(api.dataSource, c.id, 'rectification', 40);
    await eventually(
      async () => (await clocksOf(api.dataSource, c.id)).find((k) => k.stage === 'rectification'),
      (k) => k?.overdue_at != null,
      { what: 'the sweep marks the rectification clock overdue' },
    );
    const before = await statistics();
    expect(before.clocks.late.clocks.find((k: any) => k.caseNumber === c.caseNumber)).toMatchObject({
      stage: 'rectification',
      party: 'window',
      status: 'overdue',
    });
    expect(before.clocks.byParty).toContainEqual({ party: 'window', overdue: 1, warned: 0 });
    const complaint = before.evaluations.unsatisfied.find((u: any) => u.caseNumber === c.caseNumber);
    expect(complaint).toMatchObject({ side: 'window', rectification: { state: 'overdue' } });
    expect(complaint.rectification.workingDaysLeft).toBeLessThan(0);

    const done = await rectify(c.id, CLERK, 'window');
    expect(done).toMatchObject({ status: 200, body: { side: 'window', outcome: 'late' } });
    expect(done.body.usedWorkingDays).toBeGreaterThan(15);
    const after = await statistics();
    expect(after.clocks.late.clocks.map((k: any) => k.caseNumber)).not.toContain(c.caseNumber);
    expect(after.clocks.byStage.find((s: any) => s.stage === 'rectification')).toMatchObject({ late: 1 });
    const closed = after.evaluations.unsatisfied.find((u: any) => u.caseNumber === c.caseNumber);
    expect(closed.rectification).toMatchObject({
      state: 'late',
      usedWorkingDays: done.body.usedWorkingDays,
      workingDaysLeft: null,
    });
  });
});
