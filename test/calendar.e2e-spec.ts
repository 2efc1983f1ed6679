import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarYearCommand, dueDateCommand } from '../apps/cli/src/calendar';
import { OFFICIAL_2027 as TEST_2027 } from '../libs/calendar/src/__fixtures__/official-2027';
import { caseDriver } from './support/case-driver';
import { CLERK, OFFICER } from './support/fixtures';
import { printing } from './support/printing';
import { startStack, type InProcessStack } from './support/stack';

const ADMIN = { as: 'admin' };

/** The made-up 2027 notice, as an admin enters it: its days and a source note. */
const OFFICIAL_2027 = {
  holidays: TEST_2027.holidays,
  adjustedWorkingDays: TEST_2027.adjustedWorkingDays,
  source: '国办发明电〔2026〕99号 (test)',
};

/** Received Wednesday 3 February 2027, 10:00 Beijing time, before the Spring Festival; five working days. */
const OVER_SPRING_FESTIVAL = `/calendar/due-date?from=${encodeURIComponent('2027-02-03T10:00:00+08:00')}&workingDays=5`;

/**
 * Issue 12 item 1: an admin enters a year's official arrangement through the api or the cli; it is stored,
 * audited, and wins over the provisional year; due dates say whether they are provisional.
 */
describe('the working-day calendar: official years and due dates', () => {
  let api: InProcessStack;
  let drive: ReturnType<typeof caseDriver>;
  beforeAll(async () => {
    api = await startStack({ workers: 1 });
    drive = caseDriver(api.call, 7300);
  });
  afterAll(() => api.stop());

  const changes = () =>
    api.dataSource.query<{ changed_by: string; before: any; after: any }[]>(
      `SELECT changed_by, before, after FROM calendar_year_changes WHERE year = 2027 ORDER BY id`,
    );
  const put2027 = (body: unknown, who = ADMIN) => api.call('PUT', '/calendar/years/2027', { ...who, body });

  it('answers a provisional due date over the 2027 Spring Festival until the notice is entered', async () => {
    const res = await api.call('GET', OVER_SPRING_FESTIVAL, CLERK);
    expect(res.status).toBe(200);
    // Provisional 春节 is 5–10 February (除夕 to 初三, two made up): the 5th working day is Tuesday 16 Feb.
    expect(res.body).toEqual({
      from: '2027-02-03T10:00:00.000+08:00',
      workingDays: 5,
      countedFrom: '2027-02-03',
      dueDate: '2027-02-16',
      dueAt: '2027-02-16T23:59:59.999+08:00',
      provisional: true,
    });
    const year = await api.call('GET', '/calendar/years/2027', OFFICER);
    expect(year.body).toMatchObject({ year: 2027, source: 'provisional', sourceNote: null, enteredBy: null });
    expect((await api.call('GET', '/calendar/years/2026', OFFICER)).body.source).toBe('library');
  });

  it('lets only an admin store a year', async () => {
    const res = await put2027(OFFICIAL_2027, CLERK);
    expect(res.status).toBe(403);
    expect(res.body.message).toBe("only an admin enters a year's official holiday arrangement");
    expect(await changes()).toEqual([]);
  });

  it.each<[string, unknown, string, string?]>([
    ['a day of another year', { ...OFFICIAL_2027, holidays: ['2026-12-31'] }, 'holidays'],
    ['a day not written YYYY-MM-DD', { ...OFFICIAL_2027, holidays: ['2027-2-5'] }, 'holidays'],
    [
      'a day that does not exist',
      { ...OFFICIAL_2027, adjustedWorkingDays: ['2027-02-30'] },
      'adjustedWorkingDays',
    ],
    ['a day in both lists', { ...OFFICIAL_2027, adjustedWorkingDays: ['2027-02-06'] }, 'adjustedWorkingDays'],
    [
      'a weekday adjusted to work',
      { ...OFFICIAL_2027, adjustedWorkingDays: ['2027-02-19'] },
      'adjustedWorkingDays',
    ],
    ['no source', { ...OFFICIAL_2027, source: undefined }, 'source'],
    ['holidays not a list', { ...OFFICIAL_2027, holidays: '2027-01-01' }, 'holidays'],
    ['a year that is not one', OFFICIAL_2027, 'year', '/calendar/years/27x'],
  ])('refuses %s with a 400 naming the field', async (_, body, field, path = '/calendar/years/2027') => {
    const res = await api.call('PUT', path, { ...ADMIN, body });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    expect(await changes()).toEqual([]);
  });

  it('refuses a due date from an instant without an offset, or a count that is not whole', async () => {
    for (const [query, field] of [
      ['from=2027-02-03T10:00:00&workingDays=5', 'from'],
      ['from=2027-02-03T10:00:00Z&workingDays=2.5', 'workingDays'],
    ]) {
      const res = await api.call('GET', `/calendar/due-date?${query}`, CLERK);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    }
  });

  it('stores the official 2027, audits it, and moves the due date off provisional', async () => {
    // A decision period extended into 2027 (15 + 10 working days from now) is due on a provisional year.
    const open = await drive.accepted();
    await drive.send(open, OFFICER, { type: 'EXTEND_TIME_LIMIT', reason: '需专家论证，经负责人批准' });
    const decisionOf = async () =>
      ((await drive.view(open)).clocks as any[]).find((k) => k.stage === 'decision');
    const before = await decisionOf();
    expect(before).toMatchObject({ provisional: true, dueDate: expect.stringMatching(/^2027-/) });

    const stored = await put2027(OFFICIAL_2027);
    expect(stored.status).toBe(200);
    // Its clock is recomputed on the official year and the change written into its history.
    expect(stored.body.recomputed.clocks).toBeGreaterThanOrEqual(1);
    const after = await decisionOf();
    expect(after).toMatchObject({ provisional: false, dueDate: expect.stringMatching(/^2027-/) });
    const [recomputed] = (await drive.history(open)).filter((e) => e.type === 'CLOCKS_RECOMPUTED');
    expect(recomputed).toMatchObject({
      actorId: 'admin',
      toState: 'accepted.processing',
      payload: {
        year: 2027,
        clocks: [
          {
            clockId: before.id,
            stage: 'decision',
            dueDateBefore: before.dueDate,
            dueDateAfter: after.dueDate,
            provisionalBefore: true,
            provisionalAfter: false,
          },
        ],
      },
    });
    expect((await drive.verify(open)).verdict.intact).toBe(true);

    expect(stored.body).toMatchObject({
      year: 2027,
      source: 'official',
      holidays: OFFICIAL_2027.holidays,
      adjustedWorkingDays: ['2027-02-20'],
      sourceNote: OFFICIAL_2027.source,
      enteredBy: 'admin',
    });
    expect(stored.body.enteredAt).toMatch(/\+08:00$/);
    const { recomputed: _moved, ...year } = stored.body;
    expect((await api.call('GET', '/calendar/years/2027', CLERK)).body).toEqual(year);

    // Official 春节 is 5–12 February: the 5th working day after 3 February is Thursday 18 February.
    const due = await api.call('GET', OVER_SPRING_FESTIVAL, { as: 'supervisor-330900' });
    expect(due.body).toMatchObject({ dueDate: '2027-02-18', provisional: false });

    const [change] = await changes();
    expect(change).toMatchObject({ changed_by: 'admin', before: null });
    expect(change.after).toMatchObject({
      year: 2027,
      holidays: OFFICIAL_2027.holidays,
      sourceNote: OFFICIAL_2027.source,
    });

    const corrected = await put2027({ ...OFFICIAL_2027, source: '国办发明电〔2026〕99号 (corrected)' });
    expect(corrected.status).toBe(200);
    const [first, second] = await changes();
    expect(second.before).toEqual(first.after);
    expect(second.after.sourceNote).toBe('国办发明电〔2026〕99号 (corrected)');
  });

  it('keeps the audit append-only', async () => {
    await expect(api.dataSource.query(`DELETE FROM calendar_year_changes`)).rejects.toThrow(/append-only/);
    await expect(
      api.dataSource.query(`UPDATE calendar_year_changes SET changed_by = 'someone'`),
    ).rejects.toThrow(/append-only/);
  });

  it('stores a year and prints due dates from the cli, provisional ones saying so', async () => {
    const file = join(tmpdir(), `calendar-2027-${process.pid}.json`);
    await writeFile(file, JSON.stringify({ ...OFFICIAL_2027, source: 'from the cli' }));
    const stored = await printing(() => calendarYearCommand(['--year', '2027', '--file', file]));
    expect(stored.printed).toMatch(
      /^2027 official \(from the cli\): 11 holidays, 1 adjusted working days; \d+ open clocks of \d+ cases recomputed\n$/,
    );
    expect((await changes()).at(-1)!.changed_by).toMatch(/^cli:/);

    const official = await printing(() =>
      dueDateCommand(['--from', '2027-02-03T10:00:00+08:00', '--working-days', '5']),
    );
    expect(official.printed.split('\n')[0]).toBe('2027-02-18');
    // Twenty working days from 20 December 2027 end in January 2028, a year without official data.
    const provisional = await printing(() =>
      dueDateCommand(['--from', '2027-12-20T09:00:00+08:00', '--working-days', '20']),
    );
    expect(provisional.printed.split('\n')[0]).toMatch(/^2028-01-\d{2} provisional$/);
    await expect(dueDateCommand(['--from', 'yesterday', '--working-days', '5'])).rejects.toThrow(
      /^usage: .* due-date/,
    );
  });
});
