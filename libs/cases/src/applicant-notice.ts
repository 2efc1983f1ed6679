import { beijingDate } from '@app/common';
import { stateHasTag } from '@app/workflow';

/** What every notice carries: its title and the day it was issued, as a person writes it (Beijing). */
interface NoticeHead {
  title: string;
  /** The day the notice was issued (the day of the event that issued it), e.g. `2026-12-01`. */
  issuedOn: string;
}

/** A notice the applicant must see: what to hand in, why the case was refused, what was decided. */
export type ApplicantNotice = NoticeHead &
  (
    | { kind: 'correction'; missing: string[]; note?: string }
    | { kind: 'supplement'; items: string[]; note: string }
    | { kind: 'refusal'; reason: string; legalBasis: string }
    | { kind: 'decision'; outcome: 'approved'; result: Record<string, unknown> }
    | { kind: 'decision'; outcome: 'denied'; reason: string; legalBasis: string }
  );

interface EventRow {
  type: string;
  payload: Record<string, any>;
  occurredAt: Date;
}

/**
 * The notice to show for a case in `state` with history `events` (oldest first), or null.
 * A one-time notice (一次性告知) shows while the case waits for the materials it lists (tag
 * `waitingForApplicant`: the home jurisdiction's supplement request when `supplementOpen`, else the
 * window's correction notice); a refusal or decision shows from then on.
 */
export function applicantNotice(state: string, events: EventRow[]): ApplicantNotice | null {
  const last = (...types: string[]) => [...events].reverse().find((e) => types.includes(e.type));
  const on = (e: EventRow) => beijingDate(e.occurredAt);
  if (stateHasTag(state, 'supplementOpen')) {
    const e = last('REQUEST_SUPPLEMENT');
    const p = e?.payload;
    return e && p
      ? { kind: 'supplement', title: '一次性告知补正通知书', issuedOn: on(e), items: p.items, note: p.note }
      : null;
  }
  if (stateHasTag(state, 'waitingForApplicant')) {
    const e = last('FAIL_FORM_CHECK');
    const p = e?.payload;
    return e && p
      ? {
          kind: 'correction',
          title: '补正材料一次性告知书',
          issuedOn: on(e),
          missing: p.missing,
          note: p.note,
        }
      : null;
  }
  const decision = last('REFUSE', 'APPROVE', 'DENY');
  switch (decision?.type) {
    case 'REFUSE':
      return { kind: 'refusal', title: '不予受理通知书', issuedOn: on(decision), ...pick(decision.payload) };
    case 'DENY':
      return {
        kind: 'decision',
        title: '不予许可决定书',
        issuedOn: on(decision),
        outcome: 'denied',
        ...pick(decision.payload),
      };
    case 'APPROVE':
      return {
        kind: 'decision',
        title: '准予许可',
        issuedOn: on(decision),
        outcome: 'approved',
        result: decision.payload.result,
      };
    default:
      return null;
  }
}

const pick = (p: Record<string, any>) => ({ reason: String(p.reason), legalBasis: String(p.legalBasis) });
