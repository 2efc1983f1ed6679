import type {
  ClockSuspensionKind,
  MaterialIn,
  OriginalCheckedIn,
  ResultDeliveryMethod,
  TransferChannel,
} from './case.events';
import type { ClockStage, ClockStartingEvent } from './clock-stages';
import type { MaterialStage } from './materials';

/**
 * Side effects a transition asks for, each with everything needed to carry it out. The machine
 * never runs them: the transition builds them from the event (`stepCase` returns them, in the
 * order the transition lists them) and the write path hands each to its one handler (libs/cases
 * `carryOutEffects`), after the event's history row, which writes its rows (materials, transfers,
 * outbox) in the same database transaction and never reads the event again. A handler that
 * refuses (a Conflict) rolls the whole event back.
 */
export interface CaseEffectParams {
  /** The materials handed in at a resubmission (RESUBMIT) or as a supplement (SUPPLEMENT_RECEIVED). */
  storeMaterials: { stage: Exclude<MaterialStage, 'receive'>; materials: MaterialIn[] };
  /**
   * How transfer `transferId` in transit ended (TRANSFER_DELIVERED, RESULT_DELIVERED: `delivered`,
   * at the moment it is recorded; TRANSFER_FAILED: `failed` for `failureReason`). Refused when
   * the transfer is not in transit for the case (a late job for a superseded transfer).
   */
  settleTransfer:
    | { transferId: string; status: 'delivered' }
    | { transferId: string; status: 'failed'; failureReason: string };
  /**
   * Before a deemed acceptance (DEEM_ACCEPTED): acceptance clock `clockId` is the case's running
   * acceptance clock and its due moment has passed; refused otherwise (a clock since stopped, paused
   * by a supplement request, or recomputed later).
   */
  checkAcceptanceClockDue: { clockId: string };
  /** On withdrawal (WITHDRAW), a transfer still on its way is cancelled, for `reason`: the home jurisdiction returns it. */
  cancelTransfersInTransit: { reason: string };
  /**
   * A forward transfer to the home jurisdiction (FORWARD, REDISPATCH): courier carries the paper in
   * parcel `parcelId` (sealed with several cases) or, when null, in a parcel of its own with
   * `waybillNumber`; scan sends the scans whose SHA-256 hex digests `scanDigests` lists (the write
   * path names them before the machine sees the event); null where the channel has none.
   */
  startTransfer: {
    channel: TransferChannel;
    waybillNumber: string | null;
    scanDigests: string[] | null;
    parcelId: string | null;
  };
  /**
   * The check-in (签收, CHECK_IN) of the case's line of parcel `parcelId` against its manifest:
   * each original as found. Refused when the originals named are not the line's.
   */
  recordCheckIn: { parcelId: string; transferId: string; originals: OriginalCheckedIn[] };
  /** The result or the refusal notice on its way by `method`; mail carries `waybillNumber` (DISPATCH_RESULT). */
  startResultDelivery: { method: ResultDeliveryMethod; waybillNumber: string | null };
  /**
   * Starts a clock for each of `stages` at the event's moment, unless one is running or paused for
   * that stage. The acceptance clock starts only on the event configuration names (`startingEvent`
   * `receipt` or `arrival`); the others on any.
   */
  startClocks: { stages: ClockStage[]; startingEvent: ClockStartingEvent };
  /** Stops the running or paused clocks of `stages` (`'all'`: every one), met or late, or cancelled by a withdrawal. */
  stopClocks: { stages: ClockStage[] | 'all'; outcome: 'done' | 'withdrawn' };
  /**
   * Pauses the running clocks of `stages` from the event's moment: the applicant is correcting
   * (`correction`), a supplement is outstanding (`supplement`), or art. 45 suspends the decision.
   */
  pauseClocks: {
    stages: ClockStage[];
    cause: 'correction' | 'supplement' | ClockSuspensionKind;
    reason: string;
  };
  /** Resumes the paused clocks of `stages`: their due moments move by the working days paused. */
  resumeClocks: { stages: ClockStage[] };
  /** Extends the running clock of `stage` by `workingDays` for `reason` (EXTEND_TIME_LIMIT, art. 42). */
  extendClock: { stage: ClockStage; workingDays: number; reason: string };
}

export type CaseEffectType = keyof CaseEffectParams;

/** An effect object, `{ type, ...params }`; `CaseEffect<'startTransfer'>` is the one of that type. */
export type CaseEffect<T extends CaseEffectType = CaseEffectType> = {
  [P in T]: { type: P } & CaseEffectParams[P];
}[T];

const EFFECT_TYPES: Readonly<Record<CaseEffectType, true>> = {
  storeMaterials: true,
  settleTransfer: true,
  checkAcceptanceClockDue: true,
  cancelTransfersInTransit: true,
  startTransfer: true,
  recordCheckIn: true,
  startResultDelivery: true,
  startClocks: true,
  stopClocks: true,
  pauseClocks: true,
  resumeClocks: true,
  extendClock: true,
};

/** True when an action named `name` is an effect (one of CaseEffectType), not an internal action. */
export function isCaseEffectType(name: string): name is CaseEffectType {
  return Object.hasOwn(EFFECT_TYPES, name);
}

/**
 * The effects among the actions a transition returned (xstate's executed action objects, whose
 * `params` the machine built from the event), as effect objects in the order the machine took
 * them; internal actions (assignments, counters) are left out.
 */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): CaseEffect[] {
  return actions
    .filter((action) => isCaseEffectType(action.type))
    .map((action) => ({ ...(action.params as object), type: action.type }) as CaseEffect);
}
