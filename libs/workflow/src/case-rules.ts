import { MAX_IDENTITY_ATTEMPTS, type CaseContext } from './case.context';
import type { CaseEvent, CaseEventType } from './case.events';
import { missingMaterials } from './materials';
import { supplementAnswerRefusal, supplementRequestRefusal } from './supplement';

/**
 * A rule of the item that refuses an event the state otherwise takes, defined once: the machine's
 * guard of that name is `passes`, and the 409's `details.rule` is `refusal`, the one function both
 * come from, so the guard and the sentence cannot disagree.
 */
export interface CaseRule {
  /** The event types the rule judges; the machine puts its guard only on these. */
  readonly events: readonly CaseEventType[];
  /** True when `event` may pass in `context` (the XState guard); false for an event it does not judge. */
  passes(context: CaseContext, event: CaseEvent): boolean;
  /**
   * Why `event` may not pass, in words a clerk or officer can act on (the 409's `details.rule`);
   * null when it passes or is not an event the rule judges.
   */
  refusal(context: CaseContext, event: CaseEvent): string | null;
}

type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** A rule judging `events`, from the one function that says why it refuses one (null: it passes). */
function rule<T extends CaseEventType>(
  events: readonly T[],
  refusal: (context: CaseContext, event: EventOf<T>) => string | null,
): CaseRule {
  const judges = (event: CaseEvent): event is EventOf<T> =>
    (events as readonly string[]).includes(event.type);
  return {
    events,
    passes: (context, event) => judges(event) && refusal(context, event) === null,
    refusal: (context, event) => (judges(event) ? refusal(context, event) : null),
  };
}

/**
 * The rules of the machine, by the name of the guard each is (case.machine.ts, docs/case-machine.md):
 * - `requiredMaterialsPresent`: every required checklist material handed in, in the form it asks
 *   for (an original where the checklist says 原件);
 * - `channelAllowed`: scan transfer is refused when the item's originals must travel;
 * - `identityAttemptsLeft`: after MAX_IDENTITY_ATTEMPTS failed checks only WITHDRAW remains;
 * - `deliveryMethodAllowed`: the result goes by a method the item allows (paper results by mail);
 * - `supplementRequestAllowed` / `supplementAnswersRequest`: 一次性告知 (supplement.ts);
 * - `extensionAvailable`: the decision period is extended at most once (行政许可法 art. 42).
 */
export const CASE_RULES = {
  requiredMaterialsPresent: rule(['PASS_FORM_CHECK'], (context) => {
    const missing = missingMaterials(context);
    return missing.length > 0 ? `required materials missing: ${missing.join(', ')}` : null;
  }),
  channelAllowed: rule(['FORWARD', 'REDISPATCH'], (context, event) =>
    context.originalsMustTravel && event.channel === 'scan'
      ? 'the originals of this item must travel: forward by courier'
      : null,
  ),
  identityAttemptsLeft: rule(['VERIFY_IDENTITY'], (context) =>
    context.failedIdentityAttempts >= MAX_IDENTITY_ATTEMPTS
      ? `${MAX_IDENTITY_ATTEMPTS} identity checks failed: the case can only be withdrawn`
      : null,
  ),
  deliveryMethodAllowed: rule(['DISPATCH_RESULT'], (context, event) =>
    context.resultDeliveryMethods.includes(event.method)
      ? null
      : `the result of this item goes only by ${context.resultDeliveryMethods.join(' or ')}`,
  ),
  supplementRequestAllowed: rule(['REQUEST_SUPPLEMENT'], supplementRequestRefusal),
  supplementAnswersRequest: rule(['SUPPLEMENT_RECEIVED'], supplementAnswerRefusal),
  extensionAvailable: rule(['EXTEND_TIME_LIMIT'], (context) =>
    context.timeLimitExtended ? 'the decision period was already extended once (行政许可法 art. 42)' : null,
  ),
} as const satisfies Record<string, CaseRule>;

export type CaseRuleName = keyof typeof CASE_RULES;

/**
 * The rule a guard of a transition applies, from the guard as xstate keeps it (`'channelAllowed'`
 * or `{ type: 'channelAllowed' }`); undefined for a guard that refuses nothing (`identityPassed`
 * only chooses between two transitions) or none.
 */
export function ruleOfGuard(guard: unknown): CaseRule | undefined {
  const name = typeof guard === 'string' ? guard : (guard as { type?: unknown } | undefined)?.type;
  return typeof name === 'string' && Object.hasOwn(CASE_RULES, name)
    ? CASE_RULES[name as CaseRuleName]
    : undefined;
}

/** The machine's guard of each rule (`setup({ guards })`): the rule's `passes`. */
export const RULE_GUARDS = Object.fromEntries(
  Object.entries(CASE_RULES).map(([name, { passes }]) => [
    name,
    ({ context, event }: { context: CaseContext; event: CaseEvent }) => passes(context, event),
  ]),
) as Record<CaseRuleName, (args: { context: CaseContext; event: CaseEvent }) => boolean>;
