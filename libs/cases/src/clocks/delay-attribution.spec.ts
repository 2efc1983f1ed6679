import { WorkingDayCalendar } from '@app/calendar';
import { attributeDelay, type AttributedRow } from './delay-attribution';

const calendar = new WorkingDayCalendar();

/** A history row: `type` led to `toState` at `at`, Beijing time (`2026-03-05T10:00`). */
const row = (
  type: string,
  toState: string,
  at: string,
  payload: Record<string, unknown> = {},
): AttributedRow => ({
  type,
  toState,
  occurredAt: new Date(`${at}:00+08:00`),
  payload,
});
const at = (beijing: string) => new Date(`${beijing}:00+08:00`);

/** Received, form and identity checked within the hour, at the window. */
const atWindow = (day: string, time = '10:00'): AttributedRow[] => [
  row('RECEIVE', 'received', `${day}T${time}`),
  row('PASS_FORM_CHECK', 'formChecked', `${day}T${time.slice(0, 3)}20`),
  row('VERIFY_IDENTITY', 'identityVerified', `${day}T${time.slice(0, 3)}40`),
];
/** Forwarded by courier: the papers travel in a parcel (machine version 7). */
const forward = (at: string) => row('FORWARD', 'forwarded.inParcel', at, { channel: 'courier' });
/** The carrier delivered the parcel: it waits at the home jurisdiction's door for the officer's check-in. */
const arrive = (at: string) => row('TRANSFER_DELIVERED', 'forwarded.awaitingCheckIn', at);
const checkIn = (at: string) => row('CHECK_IN', 'forwarded.awaitingAcceptance', at);
const accept = (at: string) => row('ACCEPT', 'accepted.processing', at);

describe('delay attribution: each statutory working day to the party holding the case at its end', () => {
  it('charges no weekend: the courier carries the papers over Saturday and Sunday for one working day', () => {
    // Thursday 5 March 2026 received; Friday forwarded; Monday 9 arrived; Tuesday accepted; seen Wednesday noon.
    const history = [...atWindow('2026-03-05'), forward('2026-03-06T15:00'), arrive('2026-03-09T11:00')];
    history.push(accept('2026-03-10T09:00'));
    expect(attributeDelay(history, calendar, at('2026-03-11T12:00'))).toEqual({
      window: 1,
      courier: 1,
      homeJurisdiction: 3,
      applicant: 0,
      totalWorkingDays: 5,
      provisional: false,
    });
  });

  it("charges the days a delivered parcel waits for the officer's check-in (签收) to the home jurisdiction", () => {
    // Thursday 5 March received; Friday forwarded; Monday 9 delivered; checked in and accepted Thursday 12; seen Friday noon.
    const history = [...atWindow('2026-03-05'), forward('2026-03-06T15:00'), arrive('2026-03-09T11:00')];
    history.push(checkIn('2026-03-12T09:00'), accept('2026-03-12T09:30'));
    expect(attributeDelay(history, calendar, at('2026-03-13T12:00'))).toEqual({
      window: 1,
      courier: 1,
      homeJurisdiction: 5,
      applicant: 0,
      totalWorkingDays: 7,
      provisional: false,
    });
  });

  it('charges the 调休 make-up Sunday 4 January 2026 (after the New Year holiday) to the courier still carrying', () => {
    // Forwarded Wednesday 31 Dec 2025 16:00; 1–3 January off; Sunday 4 January is a working day; arrival Monday 5.
    const history = [...atWindow('2025-12-31'), forward('2025-12-31T16:00'), arrive('2026-01-05T09:00')];
    expect(attributeDelay(history, calendar, at('2026-01-06T10:00'))).toMatchObject({
      window: 0,
      courier: 2,
      homeJurisdiction: 2,
      totalWorkingDays: 4,
      provisional: false,
    });
  });

  it('charges nobody for the Spring Festival 2026 (15–23 February) but the make-up Saturday 14 February', () => {
    const history = [...atWindow('2026-02-12'), forward('2026-02-13T10:00'), arrive('2026-02-24T10:00')];
    history.push(accept('2026-02-24T15:00'));
    // 12 Feb window; 13 and Saturday 14 (worked) courier; 24–27 Feb home jurisdiction.
    expect(attributeDelay(history, calendar, at('2026-02-27T17:30'))).toEqual({
      window: 1,
      courier: 2,
      homeJurisdiction: 4,
      applicant: 0,
      totalWorkingDays: 7,
      provisional: false,
    });
  });

  it('charges the days a supplement request is open to the applicant, and the window again once it is back', () => {
    const history = [...atWindow('2026-03-02'), forward('2026-03-02T15:00'), arrive('2026-03-03T10:00')];
    history.push(
      row('REQUEST_SUPPLEMENT', 'supplementRequested', '2026-03-04T11:00', { items: ['学历证书'] }),
      row('SUPPLEMENT_RECEIVED', 'identityVerified', '2026-03-10T09:30'),
      forward('2026-03-11T10:00'),
    );
    // 2 Mar courier; 3 Mar home; 4, 5, 6, 9 Mar applicant; 10 Mar window; 11, 12 Mar courier.
    expect(attributeDelay(history, calendar, at('2026-03-12T12:00'))).toEqual({
      window: 1,
      courier: 3,
      homeJurisdiction: 1,
      applicant: 4,
      totalWorkingDays: 9,
      provisional: false,
    });
  });

  it('counts a receipt after 17:00 on the next working day, one before 17:00 on its own day', () => {
    const late = [...atWindow('2026-03-06', '17:30'), forward('2026-03-09T10:00')];
    // Friday 17:30 counts on Monday 9 March, by when the courier holds the papers.
    expect(attributeDelay(late, calendar, at('2026-03-10T10:00'))).toMatchObject({
      window: 0,
      courier: 2,
      totalWorkingDays: 2,
    });
    const early = [...atWindow('2026-03-06', '16:00'), forward('2026-03-09T10:00')];
    expect(attributeDelay(early, calendar, at('2026-03-10T10:00'))).toMatchObject({
      window: 1,
      courier: 2,
      totalWorkingDays: 3,
    });
  });

  it('charges today to the party holding the case at the moment of the view', () => {
    const history = [...atWindow('2026-03-05', '09:00'), forward('2026-03-05T11:00')];
    expect(attributeDelay(history, calendar, at('2026-03-05T10:00'))).toMatchObject({
      window: 1,
      courier: 0,
    });
    expect(attributeDelay(history, calendar, at('2026-03-05T12:00'))).toMatchObject({
      window: 0,
      courier: 1,
    });
    // Received today after closing: nothing is charged yet.
    const late = atWindow('2026-03-05', '18:00');
    expect(attributeDelay(late, calendar, at('2026-03-05T18:30')).totalWorkingDays).toBe(0);
  });

  it('ends the count on the day the case ended, charging that day to its last holder', () => {
    const history = [...atWindow('2026-03-02'), forward('2026-03-02T15:00'), arrive('2026-03-03T10:00')];
    history.push(
      accept('2026-03-03T11:00'),
      row('APPROVE', 'accepted.concluded', '2026-03-04T10:00'),
      row('DISPATCH_RESULT', 'resultDispatched', '2026-03-04T16:00', {
        method: 'mail',
        waybillNumber: 'EMS1',
      }),
      row('RESULT_DELIVERED', 'resultDelivered', '2026-03-06T10:00'),
      row('EVALUATED', 'resultDelivered', '2026-03-09T10:00', { grade: 'satisfied' }),
    );
    // 2 Mar courier; 3 Mar home; 4 and 5 Mar courier (mail); 6 Mar, the day of delivery, courier; nothing after.
    expect(attributeDelay(history, calendar, at('2026-03-20T10:00'))).toEqual({
      window: 0,
      courier: 4,
      homeJurisdiction: 1,
      applicant: 0,
      totalWorkingDays: 5,
      provisional: false,
    });
  });

  it('leaves an online delivery with the home jurisdiction', () => {
    const history = [...atWindow('2026-03-02'), forward('2026-03-02T15:00'), arrive('2026-03-03T10:00')];
    history.push(
      row('REFUSE', 'refused', '2026-03-03T11:00'),
      row('DISPATCH_RESULT', 'resultDispatched', '2026-03-03T12:00', { method: 'online' }),
    );
    // 2 Mar courier; 3, 4 and 5 Mar the home jurisdiction, whose system delivers online.
    expect(attributeDelay(history, calendar, at('2026-03-05T10:00'))).toMatchObject({
      courier: 1,
      homeJurisdiction: 3,
      totalWorkingDays: 4,
    });
  });

  it('says provisional when the days run into a year without official data (2027)', () => {
    const history = [...atWindow('2026-12-30'), forward('2026-12-31T10:00')];
    expect(attributeDelay(history, calendar, at('2026-12-31T12:00')).provisional).toBe(false);
    // 1 January 2027 is a provisional holiday (Friday): 30 Dec window; 31 Dec and 4 Jan courier.
    expect(attributeDelay(history, calendar, at('2027-01-04T12:00'))).toMatchObject({
      window: 1,
      courier: 2,
      totalWorkingDays: 3,
      provisional: true,
    });
  });
});
