import { CASE_MACHINE_VERSION } from './case.machine';

/** A stored snapshot of any version, as read from `applications.snapshot`. */
export interface StoredSnapshot {
  machineVersion: number;
  value: unknown;
  context: Record<string, unknown>;
}

/**
 * One step per machine version: `SNAPSHOT_MIGRATIONS[n]` turns a version-n snapshot into version n+1.
 * Steps are pure and never drop information that is not kept elsewhere; a state that was renamed
 * maps to its new name here.
 */
export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, (s: StoredSnapshot) => StoredSnapshot>> = {
  // v2 adds `deemedAccepted` (DEEM_ACCEPTED by the deadline job) and the item's
  // `resultDeliveryMethods`. A v1 case had no deadline jobs, so none of its acceptances was deemed,
  // and v1 did not restrict how results went out, so both methods stay open to it.
  1: (s) => ({
    ...s,
    machineVersion: 2,
    context: { ...s.context, deemedAccepted: false, resultDeliveryMethods: ['mail', 'online'] },
  }),
  // v3 records the form of each material. v2 knew names only: what it required becomes a required
  // copy and what was handed in counts as an original, so no old case is blocked by the new rule.
  2: (s) => ({
    ...s,
    machineVersion: 3,
    context: {
      ...s.context,
      requiredMaterials: (s.context.requiredMaterials as string[]).map((name) => ({ name, form: 'copy' })),
      materialsHandedIn: (s.context.materialsHandedIn as string[]).map((name) => ({
        name,
        form: 'original',
      })),
    },
  }),
  // v4 records what a supplement request asked for and what the supplement brought (一次性告知).
  // v3 kept neither: a case that had a supplement round gets null for both (not recorded), so its
  // open request takes any supplement and a further request is checked for its reason only.
  3: (s) => {
    const recorded = s.context.supplementRounds === 0 ? [] : null;
    return {
      ...s,
      machineVersion: 4,
      context: { ...s.context, supplementItems: recorded, supplementHandedIn: recorded },
    };
  },
  // v5 drops what no guard read: the item code (the case row's `item_code`), the count of
  // transfers (the `transfers` rows), the decision and a deemed acceptance (the APPROVE, DENY,
  // REFUSE or DEEM_ACCEPTED row of the case's history).
  4: (s) => {
    const {
      itemCode: _item,
      transfers: _transfers,
      outcome: _outcome,
      deemedAccepted: _deemed,
      ...kept
    } = s.context;
    return { ...s, machineVersion: 5, context: kept };
  },
  // v6 keeps time limits as clocks (rows the transitions start and stop) and adds the once-only
  // extension of the decision period (EXTEND_TIME_LIMIT): no case before v6 had one. A case waiting
  // for acceptance gets its acceptance clock from the migration 1764730000000, not from here.
  5: (s) => ({ ...s, machineVersion: 6, context: { ...s.context, timeLimitExtended: false } }),
  // v7 carries courier papers in parcels checked in by an officer (states forwarded.inParcel and
  // forwarded.awaitingCheckIn, event CHECK_IN); the context is unchanged. A case in transit by
  // courier at the upgrade stays in forwarded.inTransit: its own courier job, planned before v7,
  // still delivers it there as it did.
  6: (s) => ({ ...s, machineVersion: 7 }),
};

/**
 * Brings a stored snapshot up to CASE_MACHINE_VERSION, step by step. Returns `null` when there is
 * no path (a version from the future, an unknown version, a malformed object, or a step that
 * cannot read what an older release stored, e.g. a version 2 `requiredMaterials` that is not a
 * list): the caller flags the case for manual handling. Steps are written for well-formed
 * snapshots; a step that throws on a malformed one means "no path", never an error of the caller.
 * The result's context is not checked here: `restoreSnapshot` checks it against the machine.
 */
export function migrateSnapshot(stored: unknown): StoredSnapshot | null {
  if (!isStoredSnapshot(stored)) return null;
  let current = stored;
  while (current.machineVersion < CASE_MACHINE_VERSION) {
    const step = SNAPSHOT_MIGRATIONS[current.machineVersion];
    if (!step) return null;
    try {
      current = step(current);
    } catch {
      return null;
    }
    if (!isStoredSnapshot(current)) return null;
  }
  return current.machineVersion === CASE_MACHINE_VERSION ? current : null;
}

function isStoredSnapshot(s: unknown): s is StoredSnapshot {
  const o = s as StoredSnapshot | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    Number.isInteger(o.machineVersion) &&
    o.value !== undefined &&
    typeof o.context === 'object' &&
    o.context !== null
  );
}
