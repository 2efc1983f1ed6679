import { initialTransition, transition, type SnapshotFrom, type StateValue } from 'xstate';
import { misfitContextFields, type CaseContext, type CaseInput } from './case.context';
import { CASE_EVENT_TYPES, maySend, type ActorRole, type CaseEvent, type CaseEventType } from './case.events';
import { CASE_MACHINE_VERSION, caseMachine } from './case.machine';
import { effectsOf, type CaseEffect } from './case-effects';
import type { CaseState } from './case-states';
import { migrateSnapshot } from './snapshot-migrations';

export type CaseSnapshot = SnapshotFrom<typeof caseMachine>;

/** The snapshot as stored in `applications.snapshot` (jsonb): value, context and the machine version. */
export interface PersistedCaseSnapshot {
  machineVersion: number;
  value: StateValue;
  context: CaseContext;
}

/**
 * The outcome of stepping a case: the next snapshot, its dotted state and the effects to carry out,
 * each with its parameters, in the order the transition asked for them.
 */
export interface CaseStep {
  snapshot: CaseSnapshot;
  state: CaseState;
  effects: CaseEffect[];
}

/** Thrown when a stored snapshot does not fit this machine (renamed state, unknown version). */
export class UnknownSnapshotError extends Error {
  constructor(
    readonly persisted: unknown,
    reason: string,
  ) {
    super(`stored case snapshot cannot be restored: ${reason}`);
  }
}

/** `{ forwarded: 'inTransit' }` → `'forwarded.inTransit'`; a string value is returned as is. */
export function toDottedState(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0];
  return child === undefined ? key : `${key}.${toDottedState(child)}`;
}

/** The first step of a case: `received`, with the context built from the item's rules. */
export function startCase(input: CaseInput): CaseStep {
  const [snapshot, actions] = initialTransition(caseMachine, input);
  return { snapshot, state: toDottedState(snapshot.value) as CaseState, effects: effectsOf(actions) };
}

/**
 * True when the machine takes `event` in `snapshot` (no guard refuses it): `stepCase` then steps.
 * Lets the write path complete an event from stored rows only when the machine would take it.
 */
export function takesEvent(snapshot: CaseSnapshot, event: CaseEvent): boolean {
  return snapshot.can(event);
}

/**
 * Applies `event` to `snapshot`. Returns `null` when the machine refuses the event in this state
 * (including a guard that fails); the caller answers 409 and writes nothing.
 */
export function stepCase(snapshot: CaseSnapshot, event: CaseEvent): CaseStep | null {
  if (!takesEvent(snapshot, event)) return null;
  const [next, actions] = transition(caseMachine, snapshot, event);
  return { snapshot: next, state: toDottedState(next.value) as CaseState, effects: effectsOf(actions) };
}

/** The snapshot in the stored shape (`applications.snapshot`). */
export function persistSnapshot(snapshot: CaseSnapshot): PersistedCaseSnapshot {
  return { machineVersion: CASE_MACHINE_VERSION, value: snapshot.value, context: snapshot.context };
}

/**
 * Restores a stored snapshot of any known version, migrating older ones (snapshot-migrations.ts).
 * Throws UnknownSnapshotError when there is no migration path (unknown version, or an older
 * snapshot a migration step cannot read), when the migrated context does not have the types the
 * machine's guards read (misfitContextFields), or when its state no longer exists, so the caller
 * flags the case for manual handling (409 manual_handling on events, 人工处理中 in tracking)
 * instead of failing with 500.
 */
export function restoreSnapshot(persisted: unknown): CaseSnapshot {
  const migrated = migrateSnapshot(persisted);
  if (!migrated) {
    const version = (persisted as { machineVersion?: unknown } | null)?.machineVersion;
    throw new UnknownSnapshotError(
      persisted,
      `no migration from machine version ${String(version)} (unknown version or malformed snapshot)`,
    );
  }
  const misfits = misfitContextFields(migrated.context);
  if (misfits.length > 0) {
    throw new UnknownSnapshotError(persisted, `context fields of the wrong type: ${misfits.join(', ')}`);
  }
  try {
    const snapshot = caseMachine.resolveState({
      value: migrated.value as StateValue,
      context: migrated.context as unknown as CaseContext,
    });
    if (snapshot.status === 'error') throw new Error('snapshot in error');
    return snapshot;
  } catch (e) {
    throw new UnknownSnapshotError(persisted, (e as Error).message);
  }
}

/**
 * The event types `role` may send now. Payload-dependent guards are evaluated with the most
 * permissive payload a sender could give (e.g. a courier transfer, a passed identity check), so
 * the list says what is possible, and the machine still checks the real event.
 */
export function allowedEvents(snapshot: CaseSnapshot, role?: ActorRole): CaseEventType[] {
  return CASE_EVENT_TYPES.filter(
    (type) => (role === undefined || maySend(role, type)) && snapshot.can(probeEvent(type, snapshot.context)),
  );
}

function probeEvent(type: CaseEventType, context: CaseContext): CaseEvent {
  switch (type) {
    case 'VERIFY_IDENTITY':
      return { type, method: 'probe', passed: false };
    case 'FORWARD':
    case 'REDISPATCH':
      return { type, channel: 'courier' };
    case 'DISPATCH_RESULT':
      return { type, method: context.resultDeliveryMethods[0] ?? 'mail' };
    case 'REQUEST_SUPPLEMENT':
      // After a first request, the only one possible: about what the supplement brought, with a reason.
      return context.supplementRounds === 0
        ? { type, items: ['probe'], note: 'probe' }
        : { type, items: context.supplementHandedIn ?? ['probe'], note: 'probe', reason: 'probe' };
    case 'SUPPLEMENT_RECEIVED':
      return { type, materials: (context.supplementItems ?? []).map((name) => ({ name, form: 'original' })) };
    case 'DEEM_ACCEPTED':
      return { type, clockId: 'probe' };
    case 'SUSPEND_CLOCK':
      return { type, kind: 'hearing', reason: 'probe' };
    case 'EXTEND_TIME_LIMIT':
      return { type, reason: 'probe' };
    case 'CHECK_IN':
      return { type, parcelId: 'probe', transferId: 'probe', originals: [] };
    case 'TRANSFER_DELIVERED':
    case 'TRANSFER_FAILED':
    case 'RESULT_DELIVERED':
      return { type, transferId: 'probe', reason: 'probe' };
    default:
      return { type } as CaseEvent;
  }
}
