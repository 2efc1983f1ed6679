import type { CaseContext } from './case.context';
import type { MaterialIn } from './case.events';

/**
 * 一次性告知补正 (行政许可法 第三十二条第一款第(四)项: materials incomplete or not in the legal form
 * → tell the applicant, once and at once, everything to be supplemented). Each rule returns the
 * sentence that explains its refusal, or null when the event may pass; the machine's guard and the
 * 409's `rule` are the same function, so they cannot disagree.
 */

/** The supplement state of a case as the rules read it. */
type SupplementContext = Pick<CaseContext, 'supplementRounds' | 'supplementItems' | 'supplementHandedIn'>;

const ONCE = 'everything missing was requested at once before (一次性告知, 行政许可法 第三十二条)';

/**
 * Why a supplement request may not be made now: after the first one, a further request must give a
 * `reason` and concern only materials handed in with the last supplement (what came in may itself
 * be defective; nothing else may be asked for piecemeal). `supplementHandedIn` null (a supplement
 * recorded before machine version 4) is not checked: the reason is still required.
 */
export function supplementRequestRefusal(
  context: SupplementContext,
  event: { items: string[]; reason?: string },
): string | null {
  if (context.supplementRounds === 0) return null;
  if (!event.reason?.trim()) return `${ONCE}: a further request needs a reason`;
  const handedIn = context.supplementHandedIn;
  if (handedIn === null) return null;
  const others = event.items.filter((item) => !handedIn.includes(item));
  if (event.items.length > 0 && others.length === 0) return null;
  const allowed = handedIn.length > 0 ? handedIn.join(', ') : 'none';
  return (
    `${ONCE}: a further request may concern only the materials handed in with the last supplement ` +
    `(${allowed})${others.length > 0 ? `, not ${others.join(', ')}` : ''}`
  );
}

/**
 * Why a supplement does not answer the request: each requested item must be handed in, and
 * nothing that was not requested. `supplementItems` null (requested before machine version 4, what
 * was asked for is not recorded) accepts any supplement.
 */
export function supplementAnswerRefusal(
  context: SupplementContext,
  event: { materials: MaterialIn[] },
): string | null {
  const requested = context.supplementItems;
  if (requested === null) return null;
  const names = event.materials.map((m) => m.name);
  const missing = requested.filter((item) => !names.includes(item));
  const unrequested = [...new Set(names.filter((name) => !requested.includes(name)))];
  if (missing.length === 0 && unrequested.length === 0) return null;
  return [
    'the supplement must answer each requested item and nothing else',
    ...(missing.length > 0 ? [`missing: ${missing.join(', ')}`] : []),
    ...(unrequested.length > 0 ? [`not requested: ${unrequested.join(', ')}`] : []),
  ].join('; ');
}
