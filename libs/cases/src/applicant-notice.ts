/** A notice the applicant must see: what to hand in, why the case was refused, what was decided. */
export type ApplicantNotice =
  | { kind: 'correction'; title: string; missing: string[]; note?: string }
  | { kind: 'supplement'; title: string; items: string[]; note: string }
  | { kind: 'refusal'; title: string; reason: string; legalBasis: string }
  | { kind: 'decision'; title: string; outcome: 'approved'; result: Record<string, unknown> }
  | { kind: 'decision'; title: string; outcome: 'denied'; reason: string; legalBasis: string };

interface EventRow {
  type: string;
  payload: Record<string, any>;
}

/**
 * The notice to show for a case in `state` with history `events` (oldest first), or null.
 * A one-time notice (一次性告知) shows while the case waits for the materials it lists; a refusal or
 * decision shows from then on.
 */
export function applicantNotice(state: string, events: EventRow[]): ApplicantNotice | null {
  const last = (type: string) => [...events].reverse().find((e) => e.type === type)?.payload;
  if (state === 'returnedForCorrection') {
    const p = last('FAIL_FORM_CHECK');
    return p ? { kind: 'correction', title: '补正材料一次性告知书', missing: p.missing, note: p.note } : null;
  }
  if (state === 'supplementRequested') {
    const p = last('REQUEST_SUPPLEMENT');
    return p ? { kind: 'supplement', title: '一次性告知补正通知书', items: p.items, note: p.note } : null;
  }
  const decision = [...events].reverse().find((e) => ['REFUSE', 'APPROVE', 'DENY'].includes(e.type));
  switch (decision?.type) {
    case 'REFUSE':
      return { kind: 'refusal', title: '不予受理通知书', ...pick(decision.payload) };
    case 'DENY':
      return { kind: 'decision', title: '不予许可决定书', outcome: 'denied', ...pick(decision.payload) };
    case 'APPROVE':
      return { kind: 'decision', title: '准予许可', outcome: 'approved', result: decision.payload.result };
    default:
      return null;
  }
}

const pick = (p: Record<string, any>) => ({ reason: String(p.reason), legalBasis: String(p.legalBasis) });
