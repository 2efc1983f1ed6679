import type { MaterialIn, ResultDeliveryMethod, TransferChannel } from './case.events';
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
   * Before a deemed acceptance (DEEM_ACCEPTED): its deadline, armed on the arrival of transfer
   * `transferId`, counts from the latest arrival; refused when the case has arrived again since
   * (a deadline armed before a supplement loop).
   */
  checkDeadlineCurrent: { transferId: string };
  /** On withdrawal (WITHDRAW), a transfer still on its way is cancelled, for `reason`: the home jurisdiction returns it. */
  cancelTransfersInTransit: { reason: string };
  /**
   * A forward transfer to the home jurisdiction (FORWARD, REDISPATCH): courier carries the paper
   * with `waybillNumber`, scan sends the scans whose SHA-256 hex digests `scanDigests` lists (the
   * write path names them before the machine sees the event); null where the channel has none.
   */
  startTransfer: { channel: TransferChannel; waybillNumber: string | null; scanDigests: string[] | null };
  /** The result or the refusal notice on its way by `method`; mail carries `waybillNumber` (DISPATCH_RESULT). */
  startResultDelivery: { method: ResultDeliveryMethod; waybillNumber: string | null };
  /**
   * On arrival of transfer `transferId` (TRANSFER_DELIVERED), the acceptance deadline: a job that
   * sends DEEM_ACCEPTED when the acceptance period has passed without an answer (行政许可法 art. 32:
   * five days; its length is configuration, not the machine's).
   */
  startAcceptanceClock: { transferId: string };
}

export type CaseEffectType = keyof CaseEffectParams;

/** An effect object, `{ type, ...params }`; `CaseEffect<'startTransfer'>` is the one of that type. */
export type CaseEffect<T extends CaseEffectType = CaseEffectType> = {
  [P in T]: { type: P } & CaseEffectParams[P];
}[T];

const EFFECT_TYPES: Readonly<Record<CaseEffectType, true>> = {
  storeMaterials: true,
  settleTransfer: true,
  checkDeadlineCurrent: true,
  cancelTransfersInTransit: true,
  startTransfer: true,
  startResultDelivery: true,
  startAcceptanceClock: true,
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
