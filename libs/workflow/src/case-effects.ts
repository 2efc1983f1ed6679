import type { ResultDeliveryMethod, TransferChannel } from './case.events';

/**
 * Side effects a transition asks for, each with everything needed to carry it out. The machine
 * never runs them: the transition builds them from the event (`stepCase` returns them) and the
 * write path hands each to its one handler (libs/cases `carryOutEffects`), which writes its rows
 * (transfers, outbox) in the same database transaction and never reads the event again.
 */
export interface CaseEffectParams {
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
  startTransfer: true,
  startResultDelivery: true,
  startAcceptanceClock: true,
};

/**
 * The effects among the actions a transition returned (xstate's executed action objects, whose
 * `params` the machine built from the event), as effect objects in the order the machine took
 * them; internal actions (assignments, counters) are left out.
 */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): CaseEffect[] {
  return actions
    .filter((action) => Object.hasOwn(EFFECT_TYPES, action.type))
    .map((action) => ({ ...(action.params as object), type: action.type }) as CaseEffect);
}
