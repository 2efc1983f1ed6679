import { verifyAtWindow } from './support/cases';
import { ageClock, ageClockToWarning, clocksOf } from './support/clocks';
import { CLERK, OFFICER, nextWaybill, notarisationApplication } from './support/fixtures';
import { checkInCase } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
import { eventually } from './support/waiting';

/** A listed case as GET /inbox and GET /applications answer it (the parts asserted here). */
interface Row {
  id: string;
  caseNumber: string;
  due: {
    stage: string;
    party: string;
    dueAt: string;
    dueDate: string;
    provisional: boolean;
    state: string;
  } | null;
}

const DAY_MS = 24 * 3600 * 1000;
/** The window's clocks of a case received with originals that must travel (notarisationApplication). */
const WINDOW_STAGES = ['forward', 'mailOriginals'];

/**
 * Issue 12 item 6: the officer's inbox and the clerk's worklist sort by what is due (soonest first,
 * nothing due last), show each row's due moment, and filter by clock state. Time passes for single
 * clocks (ageClock, ageClockToWarning); the worker's sweep (every 200 ms in tests) raises the marks.
 * Other test files' cases share the database, so lists are read page by page in full and the
 * assertions are about this file's cases and the order of all.
 */
describe('worklists by what is due', () => {
  let api: InProcessStack;
  let n = 1200;
  beforeAll(async () => {
    api = await startStack({ workers: 1 });
  });
  afterAll(() => api.stop());

  const send = async (id: string, actor: object, body: object) => {
    const res = await api.call('POST', `/applications/${id}/events`, { ...actor, body });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
  };
  const received = async (): Promise<string> => {
    const res = await api.call('POST', '/applications', { ...CLERK, body: notarisationApplication(++n) });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  /** Received, checked, forwarded by courier and arrived in the officer's inbox. */
  const arrived = async (): Promise<string> => {
    const id = await received();
    await verifyAtWindow(api.call, CLERK, id);
    await send(id, CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() });
    await checkInCase(api.call, OFFICER, id);
    await eventually(
      async () => (await api.call('GET', `/applications/${id}`, OFFICER)).body.state,
      (state) => state === 'forwarded.awaitingAcceptance',
      { what: `case ${id} arrives` },
    );
    return id;
  };
  /** Every row of list `path` (with its query) for `caller`, page after page. */
  const everyRow = async (path: string, caller: object): Promise<Row[]> => {
    const rows: Row[] = [];
    for (let page = 1; ; page++) {
      const res = await api.call(
        'GET',
        `${path}${path.includes('?') ? '&' : '?'}pageSize=200&page=${page}`,
        caller,
      );
      expect(res.status).toBe(200);
      rows.push(...res.body.cases);
      if (rows.length >= res.body.total || res.body.cases.length === 0) return rows;
    }
  };
  const ofThese = (rows: Row[], ids: string[]) => rows.filter((r) => ids.includes(r.id)).map((r) => r.id);
  /** Soonest due first, nothing due last, ties by case number. */
  const expectDueOrder = (rows: Row[]) => {
    const key = (r: Row) => [r.due ? Date.parse(r.due.dueAt) : Infinity, r.caseNumber] as const;
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [key(rows[i - 1]), key(rows[i])];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1])).toBe(true);
    }
  };
  /** Row `row`'s due is `stage`'s running clock of the case, its moment shown in Beijing time. */
  const expectDueOf = async (row: Row | undefined, stage: string, party: string) => {
    const clock = await runningClock(row!.id, stage);
    expect(row!.due).toEqual({
      stage,
      party,
      dueAt: expect.stringMatching(/T23:59:59\.999\+08:00$/),
      dueDate: clock.due_date,
      provisional: clock.provisional,
      state: 'running',
    });
    expect(Date.parse(row!.due!.dueAt)).toBe(clock.due_at.getTime());
  };
  /**
   * List `path` filtered by each clock state holds, of the cases `mine`, exactly the one given for
   * it, its due clock of `stage` in that state; every row it holds is in that state, soonest due first.
   */
  const expectFiltered = async (
    path: string,
    caller: object,
    mine: string[],
    expected: { overdue: string; warned: string },
    stage: string,
  ) => {
    for (const state of ['overdue', 'warned'] as const) {
      const rows = await everyRow(`${path}${path.includes('?') ? '&' : '?'}clockState=${state}`, caller);
      expect(ofThese(rows, mine)).toEqual([expected[state]]);
      expect(rows.every((r) => r.due?.state === state)).toBe(true);
      expect(rows.find((r) => r.id === expected[state])!.due).toMatchObject({ stage, state });
      expectDueOrder(rows);
    }
  };
  const runningClock = async (id: string, stage: string) =>
    (await clocksOf(api.dataSource, id)).find((c) => c.stage === stage && c.status === 'running')!;
  /** Moves case `id`'s running `stage` clock back by whole days until its due moment has passed. */
  const ageUntilOverdue = async (id: string, stage: string) => {
    const { due_at } = await runningClock(id, stage);
    await ageClock(
      api.dataSource,
      id,
      stage,
      Math.max(1, Math.ceil((due_at.getTime() - Date.now()) / DAY_MS)),
    );
  };
  /** Waits for the worker's sweep to raise `mark` on case `id`'s running `stage` clock. */
  const swept = (id: string, stage: string, mark: 'warned_at' | 'overdue_at') =>
    eventually(
      () => runningClock(id, stage),
      (clock) => clock[mark] !== null,
      { what: `the sweep raises ${mark} on ${stage} of ${id}` },
    );

  it("sorts the officer's inbox soonest due first, each row with its acceptance clock's due moment", async () => {
    const [first, second, third] = [await arrived(), await arrived(), await arrived()];
    // The last received is due first: it waited longest, as if received two days earlier.
    await ageClock(api.dataSource, third, 'acceptance', 2);
    await ageClock(api.dataSource, second, 'acceptance', 1);

    const rows = await everyRow('/inbox', OFFICER);
    expectDueOrder(rows);
    expect(ofThese(rows, [first, second, third])).toEqual([third, second, first]);
    for (const id of [first, second, third]) {
      await expectDueOf(
        rows.find((r) => r.id === id),
        'acceptance',
        'homeJurisdiction',
      );
    }
    // The order before issue 12 is still there: longest in its state first.
    const waiting = await everyRow('/inbox?sort=waiting', OFFICER);
    expect(ofThese(waiting, [first, second, third])).toEqual([first, second, third]);
  });

  it('filters the inbox by clock state: exactly the overdue and the warned decision clocks', async () => {
    const [overdue, warned, running] = [await arrived(), await arrived(), await arrived()];
    for (const id of [overdue, warned]) await send(id, OFFICER, { type: 'ACCEPT' });
    await ageUntilOverdue(overdue, 'decision');
    await ageClockToWarning(api.dataSource, warned, 'decision');
    await swept(overdue, 'decision', 'overdue_at');
    await swept(warned, 'decision', 'warned_at');
    const mine = [overdue, warned, running];

    await expectFiltered('/inbox', OFFICER, mine, { overdue, warned }, 'decision');

    const all = await everyRow('/inbox', OFFICER);
    expect(all.find((r) => r.id === running)!.due).toMatchObject({ stage: 'acceptance', state: 'running' });
  });

  it("sorts and filters the clerk's worklist by the window's clocks; a case with none sorts last", async () => {
    const [first, second, third, overdue, warned] = [
      await received(),
      await received(),
      await received(),
      await received(),
      await received(),
    ];
    const forwarded = await arrived();
    // The last received is due first: the others' window clocks (forwarding, mailing the originals)
    // are moved days ahead (a negative age), so none of the three reaches its warning.
    for (const stage of WINDOW_STAGES) {
      await ageClock(api.dataSource, first, stage, -2);
      await ageClock(api.dataSource, second, stage, -1);
    }
    await ageUntilOverdue(overdue, 'forward');
    await ageClockToWarning(api.dataSource, warned, 'forward');
    await swept(overdue, 'forward', 'overdue_at');
    await swept(warned, 'forward', 'warned_at');

    const rows = await everyRow('/applications?window=W330902', CLERK);
    expectDueOrder(rows);
    expect(ofThese(rows, [first, second, third])).toEqual([third, second, first]);
    await expectDueOf(
      rows.find((r) => r.id === first),
      'forward',
      'window',
    );
    // Forwarded, the case has no window clock running: it shows none and comes after every due one.
    expect(rows.find((r) => r.id === forwarded)!.due).toBeNull();

    const mine = [first, second, third, overdue, warned, forwarded];
    await expectFiltered('/applications?window=W330902', CLERK, mine, { overdue, warned }, 'forward');
  });
});
