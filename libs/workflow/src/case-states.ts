import type { StateValueFrom } from 'xstate';
import { caseMachine } from './case.machine';
import { CASE_TAGS, type CaseTag } from './case-tags';

type Dotted<V> = V extends string ? V : { [K in keyof V & string]: `${K}.${Dotted<V[K]>}` }[keyof V & string];
/** The dotted values in `All` that no other value extends (`forwarded.inTransit`, not `forwarded`). */
type Leaves<All extends string, D extends string = All> = D extends unknown
  ? [Extract<All, `${D}.${string}`>] extends [never]
    ? D
    : never
  : never;

/**
 * A state a case can be in, as stored in `applications.state` and shown to every client: the
 * dotted value of a leaf state of the machine (`received`, `forwarded.inTransit`, …). Derived from
 * the machine's definition, so renaming a state fails to compile wherever a name is written.
 */
export type CaseState = Leaves<Dotted<StateValueFrom<typeof caseMachine>>>;

interface StateNodeLike {
  path: string[];
  tags: string[];
  states: Record<string, StateNodeLike>;
}

/** Each leaf state with the tags of it and its ancestors (what `snapshot.hasTag` answers in it). */
function leafStates(node: StateNodeLike, inherited: readonly string[] = []): [CaseState, Set<CaseTag>][] {
  const tags = [...inherited, ...node.tags];
  const children = Object.values(node.states);
  return children.length === 0
    ? [[node.path.join('.') as CaseState, new Set(tags as CaseTag[])]]
    : children.flatMap((child) => leafStates(child, tags));
}

// Computed once at module load from the machine: no work per transition.
const TAGS_OF: ReadonlyMap<string, ReadonlySet<CaseTag>> = new Map(leafStates(caseMachine.root));

/** Every state value a case can be in, dotted, in the machine's order (received … withdrawn). */
export const CASE_STATES: readonly CaseState[] = [...TAGS_OF.keys()] as CaseState[];

const TAGGED: ReadonlyMap<CaseTag, readonly CaseState[]> = new Map(
  (Object.keys(CASE_TAGS) as CaseTag[]).map((tag) => [
    tag,
    CASE_STATES.filter((state) => TAGS_OF.get(state)!.has(tag)),
  ]),
);

/**
 * The states carrying `tag`, in the machine's order, read from the machine's definition once at
 * module load. Use it where a query needs the states of a meaning (`state IN (…)`).
 */
export function statesTagged(tag: CaseTag): readonly CaseState[] {
  return TAGGED.get(tag)!;
}

/**
 * Whether a case in `state` (a stored dotted value) carries `tag`; false for a value the machine
 * does not have (a case left in a removed state, flagged for manual handling).
 */
export function stateHasTag(state: string, tag: CaseTag): boolean {
  return TAGS_OF.get(state)?.has(tag) ?? false;
}

/** Whether `state` is a state of this machine (the type guard for a stored or requested value). */
export function isCaseState(state: string): state is CaseState {
  return TAGS_OF.has(state);
}
