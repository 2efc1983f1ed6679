import { WorkingDayCalendar } from '@app/calendar';
import { beijingDate } from '@app/common';
import { verifyAtWindow } from './support/cases';
import { CLERK, OFFICER, nextWaybill, notarisationApplication } from './support/fixtures';
import { checkInCase } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
import { eventually } from './support/waiting';

/**
 * Issue 12 item 4: the staff case view charges every working day the case has spent to one party. The steps
 * here happen within seconds, so the split is at most today, charged to the current holder; the arithmetic
 * across weekends, 调休 and holidays is in libs/cases/src/clocks/delay-attribution.spec.ts.
 */
describe('delay attribution in the staff case view', () => {
  let api: InProcessStack;
  beforeAll(async () => {
    api = await startStack({ workers: 1 });
  });
  afterAll(() => api.stop());

  const send = async (id: string, actor: object, body: object) => {
    const res = await api.call('POST', `/applications/${id}/events`, { ...actor, body });
    expect(res.status).toBe(200);
  };
  const view = async (id: string, actor: object = CLERK) =>
    (await api.call('GET', `/applications/${id}`, actor)).body;

  it('splits the working days from receipt to today between the parties, today to the current holder', async () => {
    const received = await api.call('POST', '/applications', {
      ...CLERK,
      body: notarisationApplication(901),
    });
    expect(received.status).toBe(201);
    const id: string = received.body.id;
    await verifyAtWindow(api.call, CLERK, id);
    await send(id, CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() });
    await checkInCase(api.call, OFFICER, id);
    await eventually(
      async () => (await view(id)).state,
      (state) => state === 'forwarded.awaitingAcceptance',
      { what: 'the papers arrive' },
    );
    await send(id, OFFICER, { type: 'ACCEPT' });

    const seen = await view(id, OFFICER);
    const now = new Date();
    // The days the test expects, from the library's calendar (no official year is stored for this year).
    const calendar = new WorkingDayCalendar();
    const receipt = calendar.dueDate(new Date(seen.createdAt), 0);
    const countsFrom = receipt.countedFrom;
    const today = beijingDate(now);
    const elapsed = countsFrom > today ? 0 : calendar.workingDaysBetween(countsFrom, today).workingDays + 1;
    expect(elapsed).toBeLessThanOrEqual(1);
    const { window, courier, homeJurisdiction, applicant, totalWorkingDays } = seen.delayAttribution;
    expect(window + courier + homeJurisdiction + applicant).toBe(totalWorkingDays);
    expect(seen.delayAttribution).toEqual({
      window: 0,
      courier: 0,
      homeJurisdiction: elapsed,
      applicant: 0,
      totalWorkingDays: elapsed,
      provisional: receipt.provisional || calendar.isWorkingDay(today).provisional,
    });
    // The clerk sees the same split; the applicant's tracking view has none.
    expect((await view(id)).delayAttribution).toEqual(seen.delayAttribution);
    const { caseNumber, queryCode } = received.body;
    const tracked = await api.call('GET', `/track/${caseNumber}?code=${queryCode}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body).not.toHaveProperty('delayAttribution');
  });
});
