import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertMay, Conflict, type Act } from '@app/common';
import type { RectificationFacts } from '@app/db';
import type { Party } from '@app/workflow';
import type { Actor } from '../actor';
import { caseNotFound } from '../case-errors';
import { CaseWriter } from '../case-writer';
import { ClockKeeper } from './clock-keeper';
import { UNSATISFIED_GRADES, type RatedSide, type SideGrades } from '../evaluation-grades';
import type { IdempotencyRequest } from '../idempotency';

/** The party a side's rectification clock is charged to (libs/workflow PARTIES). */
export const RECTIFYING_PARTY: Readonly<Record<RatedSide, Party>> = {
  window: 'window',
  jurisdiction: 'homeJurisdiction',
};

/** The act (policy) of putting right a 差评 of each side: the window's clerks, the home jurisdiction's officers. */
const RECTIFY_ACT: Readonly<Record<RatedSide, Act>> = {
  window: 'rectifyWindow',
  jurisdiction: 'rectifyJurisdiction',
};

/**
 * Starts, in the evaluation's transaction (`m`), a rectification clock (整改时限) for each side of case
 * `caseId` graded 差评 in `grades` (UNSATISFIED_GRADES), charged to that side (RECTIFYING_PARTY),
 * counted from `at`, the evaluation's moment; the budget is RECTIFICATION_WORKING_DAYS statutory
 * working days (default 15: 国办发〔2019〕51号 好差评制度, 差评 整改 within 15 working days).
 */
export async function startRectificationClocks(
  m: EntityManager,
  clocks: ClockKeeper,
  caseId: string,
  grades: SideGrades,
  at: Date,
): Promise<void> {
  for (const side of Object.keys(RECTIFYING_PARTY) as RatedSide[]) {
    if (UNSATISFIED_GRADES.includes(grades[side])) {
      await clocks.start(m, caseId, ['rectification'], 'transition', at, RECTIFYING_PARTY[side]);
    }
  }
}

/** What putting a 差评 right answers: what the RECTIFIED row records, when, and the case's version after it. */
export interface RectificationView extends RectificationFacts {
  rectifiedAt: Date;
  version: number;
}

/**
 * 整改: the side a 差评 rated reports it put right, which stops that side's rectification clock (met
 * when by its due moment, late after), through the write path (CaseWriter) with a `RECTIFIED` row of
 * the case's history, in one transaction with the case locked. The case's state does not change.
 */
@Injectable()
export class RectificationService {
  constructor(
    private readonly writer: CaseWriter,
    private readonly clocks: ClockKeeper,
  ) {}

  /**
   * Puts right the 差评 of `side` on case `caseId`, as `actor` with `note` (what was done).
   * @throws NotAllowed (403) `window`: not a clerk; `jurisdiction`: not an officer (policy
   *   rectifyWindow / rectifyJurisdiction)
   * @throws NotFound (404) unknown case, or out of the actor's scope (another window or jurisdiction)
   * @throws Conflict (409 no_rectification_clock) that side has no open rectification clock (never
   *   rated 差评, or already put right)
   */
  rectify(
    caseId: string,
    side: RatedSide,
    note: string,
    actor: Actor,
    idempotency?: IdempotencyRequest,
  ): Promise<RectificationView> {
    assertMay(actor, RECTIFY_ACT[side]);
    return this.writer.write(async (tx) => {
      const head = await tx.cases.loadCase(caseId, actor.scope, { lock: true });
      if (!head) throw caseNotFound();
      const at = new Date();
      const [stopped] = await this.clocks.stop(
        tx.m,
        caseId,
        ['rectification'],
        'done',
        at,
        RECTIFYING_PARTY[side],
      );
      if (!stopped) {
        throw new Conflict(
          'no_rectification_clock',
          `no 差评 of the ${side} side of this case waits to be put right`,
          {
            side,
          },
        );
      }
      const facts: RectificationFacts = {
        side,
        note,
        clockId: stopped.id,
        outcome: stopped.outcome as RectificationFacts['outcome'],
        usedWorkingDays: stopped.usedWorkingDays,
      };
      const { version } = await tx.append(head, {
        type: 'RECTIFIED',
        toState: head.state,
        payload: { ...facts },
        actor: { role: actor.role, id: actor.id },
        occurredAt: at,
      });
      return { ...facts, rectifiedAt: at, version };
    }, idempotency);
  }
}
