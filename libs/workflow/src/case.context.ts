import {
  MATERIAL_FORMS,
  RESULT_DELIVERY_METHODS,
  type MaterialIn,
  type ResultDeliveryMethod,
} from './case.events';
import type { MaterialRef } from './materials';

/**
 * What the machine knows about a case: the item's rules that guards read, and the counters and
 * lists they read. Nothing else: what the case is (item, window, applicant) is its row, a clock or
 * a parcel (clocks, waybills, transfers) rows of their own, and the decision and a deemed
 * acceptance are rows of its history (since version 5, which dropped `itemCode`, `transfers`,
 * `outcome` and `deemedAccepted`: no guard read them).
 */
export interface CaseContext {
  /** The materials the item's checklist marks required, each with the form it asks for. Objects since version 3. */
  requiredMaterials: MaterialRef[];
  /** The materials handed in so far (receive, resubmit, supplement), with their form. Objects since version 3. */
  materialsHandedIn: MaterialRef[];
  /** When true the paper originals must travel: only courier transfer is allowed. */
  originalsMustTravel: boolean;
  /** How the item's result may reach the applicant (a paper 公证书 only by mail). Since version 2. */
  resultDeliveryMethods: ResultDeliveryMethod[];
  /** Failed identity checks so far; after MAX_IDENTITY_ATTEMPTS only WITHDRAW remains. */
  failedIdentityAttempts: number;
  /** Supplement requests (一次性告知补正) received from the home jurisdiction. */
  supplementRounds: number;
  /**
   * What the latest supplement request asked for (item names, as the officer wrote them); [] before
   * any; null when it was requested before version 4, which did not keep it. Since version 4.
   */
  supplementItems: string[] | null;
  /**
   * The names of the materials handed in with the latest supplement; [] before any; null when
   * handed in before version 4. A further request may concern only these. Since version 4.
   */
  supplementHandedIn: string[] | null;
  /** The decision period was extended (EXTEND_TIME_LIMIT): art. 42 allows it once. Since version 6. */
  timeLimitExtended: boolean;
}

/** What receiving a case gives the machine (`initialTransition(machine, input)`). */
export interface CaseInput {
  requiredMaterials: MaterialRef[];
  materialsHandedIn: MaterialIn[];
  originalsMustTravel: boolean;
  resultDeliveryMethods: ResultDeliveryMethod[];
}

/** Failed identity checks allowed before the case can only be withdrawn. */
export const MAX_IDENTITY_ATTEMPTS = 3;

/**
 * The type check of each CaseContext field (the type makes every CaseContext field have one): guards and the allowed-events probe read these fields and would throw on another type.
 */
export const CONTEXT_FIELD_CHECKS: Readonly<Record<keyof CaseContext, (v: unknown) => boolean>> = {
  requiredMaterials: (v) => isListOf(v, isMaterialRef),
  materialsHandedIn: (v) => isListOf(v, isMaterialRef),
  originalsMustTravel: (v) => typeof v === 'boolean',
  resultDeliveryMethods: (v) =>
    isListOf(v, (m) => (RESULT_DELIVERY_METHODS as readonly unknown[]).includes(m)),
  failedIdentityAttempts: isCount,
  supplementRounds: isCount,
  supplementItems: (v) => v === null || isListOf(v, (e) => typeof e === 'string'),
  supplementHandedIn: (v) => v === null || isListOf(v, (e) => typeof e === 'string'),
  timeLimitExtended: (v) => typeof v === 'boolean',
};

/**
 * The fields of a restored context (`applications.snapshot.context`, after migration) whose value
 * is not of the type CaseContext declares, by name; empty when the context fits the machine. A
 * context that does not fit would make a guard throw or decide on garbage, so the caller treats
 * the case as needing manual handling (restoreSnapshot). Extra fields are not checked.
 */
export function misfitContextFields(context: Record<string, unknown>): string[] {
  return Object.entries(CONTEXT_FIELD_CHECKS)
    .filter(([field, fits]) => !fits(context[field]))
    .map(([field]) => field);
}

function isListOf(v: unknown, each: (e: unknown) => boolean): boolean {
  return Array.isArray(v) && v.every(each);
}

function isMaterialRef(v: unknown): boolean {
  const m = v as MaterialRef | null;
  return typeof m === 'object' && m !== null && typeof m.name === 'string' && MATERIAL_FORMS.includes(m.form);
}

function isCount(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0;
}
