import { addCalendarDays, endOfBeijingDay, type WorkingDayCalendar } from '@app/calendar';
import { beijingDate } from '@app/common';
import { isHistoryRecord } from '@app/db';
import {
  partyOf,
  PARTIES,
  RESULT_DELIVERY_METHODS,
  type Party,
  type ResultDeliveryMethod,
} from '@app/workflow';
import type { HistoryRow } from '../case.repository';

/** A row of a case's signed history as delay attribution reads it: the state after the row and its moment. */
export type AttributedRow = Pick<HistoryRow, 'type' | 'toState' | 'occurredAt' | 'payload'>;

/**
 * How a case's statutory working days split between the parties (issue 12 item 4): per party, the
 * working days (not calendar days) charged to it; `totalWorkingDays` is their sum.
 */
export type DelayAttribution = Record<Party, number> & {
  /** Working days charged in all (the sum of the four parties). */
  totalWorkingDays: number;
  /** A year without official data was consulted: the split may change when the State Council's notice is entered. */
  provisional: boolean;
};

const deliveryMethod = (value: unknown): ResultDeliveryMethod | undefined =>
  (RESULT_DELIVERY_METHODS as readonly unknown[]).includes(value)
    ? (value as ResultDeliveryMethod)
    : undefined;

/**
 * The party holding the case after each row (`partyOf` the state the row led to); `resultDispatched`
 * is charged by the method of the DISPATCH_RESULT that entered it.
 */
function partiesAfter(steps: readonly AttributedRow[]): (Party | null | undefined)[] {
  let method: ResultDeliveryMethod | undefined;
  return steps.map((row) => {
    if (row.type === 'DISPATCH_RESULT') method = deliveryMethod(row.payload?.method);
    return partyOf(row.toState, method);
  });
}

/**
 * Charges every statutory working day of a case to exactly one party: the window, the courier, the home
 * jurisdiction or the applicant (issue 12 item 4; which state charges whom: `STATE_PARTIES` in libs/workflow).
 * Pure: the history, the calendar and `now` decide everything.
 *
 * Which days: the working days (`calendar.isWorkingDay`: holidays, weekends and 调休 make-up days as the
 * calendar resolves them, never plain weekdays) from the day the receipt counts on up to and including today,
 * Beijing time, or up to the day the case ended (its first final state: delivered, withdrawn). The receipt
 * counts on its Beijing day when that is a working day and it came before the office closed, else on the next
 * working day (`WorkingDayCalendar.dueDate`: 民法典 art. 203 para. 2, closing time default 17:00). Unlike a
 * statutory period (民法典 art. 201), the receipt's own day is counted: attribution accounts for the days a
 * case spent, and the window holds it on that day.
 *
 * Whom: each day goes to the party holding the case at the end of that day (23:59:59.999 Beijing time), and
 * today to the party holding it at `now`. End of day, because a party that receives a case during a day and
 * still holds it when the day ends had that day to act on it; a party that handed it on the same day did
 * not hold it over the day. So a day in which the case moved several times is charged once, to the last
 * holder, and the sum is exactly the working days elapsed. On the day the case ended the holder is a final
 * state, which charges nothing: that day goes to the party that held it last (the courier delivering, the
 * window at which it was withdrawn). Days spent in a state the machine no longer has (a case handled by
 * hand) are charged to nobody and left out of the total.
 *
 * @param history the case's rows oldest first (CaseRepository.history); scans and evaluations are skipped
 * @param calendar the working-day calendar on the stored official years (CalendarService)
 * @param now the moment of the view
 * @returns working days per party, their total, and whether a provisional year was consulted
 * @throws RangeError when a day's year cannot be resolved by the calendar (before 2004, after 2099)
 */
export function attributeDelay(
  history: readonly AttributedRow[],
  calendar: WorkingDayCalendar,
  now: Date,
): DelayAttribution {
  const charged = Object.fromEntries(PARTIES.map((p) => [p, 0])) as Record<Party, number>;
  const steps = history.filter((row) => !isHistoryRecord(row.type));
  if (steps.length === 0) return { ...charged, totalWorkingDays: 0, provisional: false };
  const parties = partiesAfter(steps);
  const ended = parties.findIndex((party) => party === null);
  const today = beijingDate(now);
  const lastDay = ended > 0 ? beijingDate(steps[ended].occurredAt) : today;
  const receipt = calendar.dueDate(steps[0].occurredAt, 0);
  let provisional = receipt.provisional;
  let holder = 0;
  for (let day = receipt.countedFrom; day <= lastDay; day = addCalendarDays(day, 1)) {
    const answer = calendar.isWorkingDay(day);
    provisional ||= answer.provisional;
    if (!answer.working) continue;
    const endOfDay = day === today ? now : endOfBeijingDay(day);
    while (holder + 1 < steps.length && steps[holder + 1].occurredAt <= endOfDay) holder++;
    const party = ended > 0 && holder >= ended ? parties[ended - 1] : parties[holder];
    if (party) charged[party]++;
  }
  const totalWorkingDays = PARTIES.reduce((sum, p) => sum + charged[p], 0);
  return { ...charged, totalWorkingDays, provisional };
}
