import { caseMachine } from './case.machine';
import { CASE_STATES, type CaseState } from './case-states';
import type { CaseEventType } from './case.events';

interface StateNodeLike {
  key: string;
  parent?: StateNodeLike;
  config: { on?: Record<string, unknown> };
  states: Record<string, StateNodeLike>;
}

/** The leaf state node of a dotted state value (`forwarded.awaitingAcceptance`). */
function nodeOf(state: CaseState): StateNodeLike {
  return state
    .split('.')
    .reduce<StateNodeLike>((node, key) => node.states[key], caseMachine.root as unknown as StateNodeLike);
}

/** The event types a leaf state or one of its ancestors has a transition for, whatever its guard. */
function eventsOf(state: CaseState): Set<string> {
  const events = new Set<string>();
  for (let node: StateNodeLike | undefined = nodeOf(state); node; node = node.parent) {
    for (const type of Object.keys(node.config.on ?? {})) events.add(type);
  }
  return events;
}

// Read from the machine's definition once at module load.
const EVENTS_OF: ReadonlyMap<CaseState, ReadonlySet<string>> = new Map(
  CASE_STATES.map((state) => [state, eventsOf(state)]),
);

/**
 * The states whose definition takes `type` (a transition on it in the state or an ancestor, guarded
 * or not), in the machine's order: e.g. the states a result may be dispatched from. For a worklist of
 * what an event can be sent to; whether one case takes it now is `allowedEvents` on its snapshot.
 */
export function statesTaking(type: CaseEventType): readonly CaseState[] {
  return CASE_STATES.filter((state) => EVENTS_OF.get(state)!.has(type));
}
