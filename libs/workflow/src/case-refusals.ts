import type { CaseEvent } from './case.events';
import { ruleOfGuard } from './case-rules';
import type { CaseSnapshot } from './case-snapshot';

/**
 * Why a guard refused `event` in a state that otherwise takes it, in words a clerk or officer can
 * act on: the sentence of the first rule (case-rules.ts) that refuses it among the guards of the
 * state's transitions for this event. Null when the state does not take the event at all (the 409
 * then names the state and the events it takes, not a rule that does not apply: a supplement with
 * no request open is refused by the state, not as "not requested").
 */
export function explainRefusal(snapshot: CaseSnapshot, event: CaseEvent): string | null {
  for (const node of snapshot._nodes) {
    for (const transition of node.transitions.get(event.type) ?? []) {
      const sentence = ruleOfGuard(transition.guard)?.refusal(snapshot.context, event);
      if (sentence) return sentence;
    }
  }
  return null;
}
