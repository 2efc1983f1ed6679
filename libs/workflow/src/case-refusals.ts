import { MAX_IDENTITY_ATTEMPTS, type CaseContext } from './case.context';
import type { CaseEvent } from './case.events';
import type { CaseSnapshot } from './case-snapshot';
import { missingMaterials } from './materials';
import { supplementAnswerRefusal, supplementRequestRefusal } from './supplement';

/**
 * Why a guard refused `event` in a state that otherwise takes it, in words a clerk or officer can
 * act on; null when the state does not take the event at all (the 409 then names the state and
 * the events it takes, not a rule that does not apply: a supplement with no request open is
 * refused by the state, not as "not requested").
 */
export function explainRefusal(snapshot: CaseSnapshot, event: CaseEvent): string | null {
  const takesIt = snapshot._nodes.some((node) => node.ownEvents.includes(event.type));
  return takesIt ? ruleRefusing(snapshot.context, event) : null;
}

function ruleRefusing(context: CaseContext, event: CaseEvent): string | null {
  switch (event.type) {
    case 'PASS_FORM_CHECK': {
      const missing = missingMaterials(context);
      return missing.length > 0 ? `required materials missing: ${missing.join(', ')}` : null;
    }
    case 'FORWARD':
    case 'REDISPATCH':
      return context.originalsMustTravel && event.channel === 'scan'
        ? 'the originals of this item must travel: forward by courier'
        : null;
    case 'DISPATCH_RESULT':
      return context.resultDeliveryMethods.includes(event.method)
        ? null
        : `the result of this item goes only by ${context.resultDeliveryMethods.join(' or ')}`;
    case 'VERIFY_IDENTITY':
      return context.failedIdentityAttempts >= MAX_IDENTITY_ATTEMPTS
        ? `${MAX_IDENTITY_ATTEMPTS} identity checks failed: the case can only be withdrawn`
        : null;
    case 'REQUEST_SUPPLEMENT':
      return supplementRequestRefusal(context, event);
    case 'SUPPLEMENT_RECEIVED':
      return supplementAnswerRefusal(context, event);
    default:
      return null;
  }
}
