import { Injectable } from '@nestjs/common';
import {
  assertMay,
  assertMayReassign,
  claimedByOther,
  Conflict,
  divisionPrefix,
  invalidField,
  type Holding,
} from '@app/common';
import { StaffAccountRepository } from '@app/accounts';
import { CatalogueRepository } from '@app/catalogue';
import type { ClaimFacts } from '@app/db';
import { stateHasTag } from '@app/workflow';
import type { Actor } from '../actor';
import { caseNotFound, staleVersion } from '../case-errors';
import type { CaseHead, LoadedCase } from '../case.repository';
import { CaseWriter, type CaseWrite } from '../case-writer';
import { ClaimRepository, type HeldCase, type HolderCount } from './claim.repository';

/** A case's claim after a command: the case's state and version, who holds it and since when (null: nobody). */
export interface ClaimView {
  id: string;
  caseNumber: string;
  state: string;
  version: number;
  holder: string | null;
  claimedAt: Date | null;
}

/** A reassignment (改派) asked for: the absent holder, the colleague who takes over, which cases (all when absent). */
export interface ReassignRequest {
  from: string;
  to: string;
  caseIds?: readonly string[];
}

/** What a reassignment did: each case handed over, with its version after the REASSIGNED row. */
export interface ReassignView {
  from: string;
  to: string;
  cases: { id: string; caseNumber: string; version: number }[];
}

/**
 * What a reassignment (改派) can be made of, as its page offers it: the officers who hold cases
 * within the reader's reach; for one of them (`from`), the cases they hold and the active
 * colleagues of their jurisdiction who may take them.
 */
export interface ReassignChoices {
  holders: HolderCount[];
  from: string | null;
  cases: HeldCase[];
  colleagues: string[];
}

/** 409 `not_claimed`: a release of a case nobody holds. */
const notClaimed = () => new Conflict('not_claimed', 'nobody holds this case: there is nothing to release');

/** 409 `case_closed`: a claim of a case that has ended (its state tagged `final`). */
const caseClosed = (state: string) =>
  new Conflict('case_closed', `the case has ended (state ${state}): there is nothing to claim`, { state });

/**
 * 认领 / 释放 / 改派 (issue 14): a home jurisdiction's officer claims a case, so that its actions are
 * theirs alone (CaseService.apply refuses another officer, policy `assertHolderActs`), releases it,
 * and a supervisor or the jurisdiction's lead officer hands an absent colleague's cases to another.
 * Each command is ONE transaction through the write path (CaseWriter) with the case row locked: the
 * `case_claims` row changes and the case's history gets a CLAIMED, RELEASED or REASSIGNED row
 * (ClaimFacts), signed like every row; the case's state stays, its version moves on, so a page
 * rendered before is stale.
 */
@Injectable()
export class ClaimService {
  constructor(private readonly writer: CaseWriter) {}

  /**
   * What `actor` may reassign: the holders within their reach and, when `from` is given, that
   * officer's cases and colleagues (the active officers of their jurisdiction but them).
   * @throws NotAllowed (403) neither a supervisor nor a lead officer (policy `assertMayReassign`)
   */
  async choices(actor: Actor, from?: string): Promise<ReassignChoices> {
    assertMayReassign(actor);
    const claims = new ClaimRepository(this.writer.manager);
    const holders = await claims.holders(actor.scope);
    const holder = from?.toLowerCase();
    if (!holder || !holders.some((h) => h.holder === holder)) {
      return { holders, from: null, cases: [], colleagues: [] };
    }
    const cases = await claims.heldBy(holder, actor.scope, undefined, false);
    const account = await new StaffAccountRepository(this.writer.manager).find(holder);
    const colleagues = account?.jurisdictionCode
      ? (
          await new StaffAccountRepository(this.writer.manager).activeOfficersOf(account.jurisdictionCode)
        ).filter((u) => u !== holder)
      : [];
    return { holders, from: holder, cases, colleagues };
  }

  /**
   * `actor` claims case `caseId`. Claiming a case one holds already answers it as it is.
   * @throws NotAllowed (403) not an officer (policy `claimCases`)
   * @throws NotFound (404) unknown case, or out of the officer's jurisdiction (the same answer)
   * @throws Conflict (409) `claimed_by_other` another officer holds it (details.holder, claimedAt):
   *   a claim never takes a case from its holder; `stale_version` the case is no longer at
   *   `expectedVersion`; `case_closed` the case has ended
   */
  claim(caseId: string, actor: Actor, expectedVersion?: number): Promise<ClaimView> {
    assertMay(actor, 'claimCases');
    return this.writer.write(async (tx) => {
      const head = await loadLocked(tx, caseId, actor);
      if (head.holding && head.holding.holder !== actor.id) throw claimedByOther(head.holding);
      checkVersion(head, expectedVersion);
      if (head.holding) return viewOf(head, head.holding);
      if (stateHasTag(head.state, 'final')) throw caseClosed(head.state);
      const at = new Date();
      // The case row is locked and nobody held it: the insert cannot meet another claim.
      await new ClaimRepository(tx.m).insert(head.id, actor.id, at);
      const moved = await appendRecord(tx, head, 'CLAIMED', { holder: actor.id }, actor, at);
      return viewOf(moved, { holder: actor.id, claimedAt: at });
    });
  }

  /**
   * `actor` releases case `caseId`, which they hold.
   * @throws NotAllowed (403) not an officer (policy `claimCases`)
   * @throws NotFound (404) unknown case, or out of the officer's jurisdiction
   * @throws Conflict (409) `claimed_by_other` another officer holds it; `not_claimed` nobody does;
   *   `stale_version` the case is no longer at `expectedVersion`
   */
  release(caseId: string, actor: Actor, expectedVersion?: number): Promise<ClaimView> {
    assertMay(actor, 'claimCases');
    return this.writer.write(async (tx) => {
      const head = await loadLocked(tx, caseId, actor);
      if (!head.holding) throw notClaimed();
      if (head.holding.holder !== actor.id) throw claimedByOther(head.holding);
      checkVersion(head, expectedVersion);
      const at = new Date();
      await new ClaimRepository(tx.m).delete(head.id, actor.id);
      const facts: ClaimFacts = { holder: null, previousHolder: actor.id };
      const moved = await appendRecord(tx, head, 'RELEASED', facts, actor, at);
      return viewOf(moved, null);
    });
  }

  /**
   * 改派: hands the cases `request.from` holds (those of `request.caseIds`, or all) to `request.to`,
   * an active officer of the cases' jurisdiction, in one transaction: each case's claim moves and
   * its history gets a REASSIGNED row. A lead officer reassigns within their jurisdiction; a
   * supervisor within the jurisdictions of their division.
   * @throws NotAllowed (403) neither a supervisor nor a lead officer (policy `assertMayReassign`)
   * @throws InvalidInput (400, field `to`) `to` is `from`, not an active officer, or of another
   *   jurisdiction than the actor's (a lead), than the division's (a supervisor) or than the cases'
   * @throws Conflict (409 not_held, details.caseIds) some of `caseIds` are not held by `from`
   *   within the actor's reach
   */
  reassign(request: ReassignRequest, actor: Actor): Promise<ReassignView> {
    assertMayReassign(actor);
    const from = request.from.toLowerCase();
    const to = request.to.toLowerCase();
    if (from === to) throw invalidField('to', 'must be another officer than the one who holds the cases');
    return this.writer.write(async (tx) => {
      const jurisdictionCode = await receivingJurisdiction(tx, to, actor);
      const claims = new ClaimRepository(tx.m);
      const held = await claims.heldBy(from, actor.scope, request.caseIds);
      const missing = (request.caseIds ?? []).filter((id) => !held.some((c) => c.id === id));
      if (missing.length > 0) {
        throw new Conflict('not_held', `${from} does not hold ${missing.length} of the cases named`, {
          caseIds: missing,
        });
      }
      const foreign = held.find((c) => c.jurisdictionCode !== jurisdictionCode);
      if (foreign) {
        throw invalidField(
          'to',
          `${to} is an officer of ${jurisdictionCode}; case ${foreign.caseNumber} is not`,
        );
      }
      const at = new Date();
      const cases: ReassignView['cases'] = [];
      for (const c of held) {
        const head = await loadLocked(tx, c.id, actor);
        await claims.reassign(c.id, from, to, at);
        const facts: ClaimFacts = { holder: to, previousHolder: from };
        const moved = await appendRecord(tx, head, 'REASSIGNED', facts, actor, at);
        cases.push({ id: moved.id, caseNumber: moved.caseNumber, version: moved.version });
      }
      return { from, to, cases };
    });
  }
}

/** Case `caseId` in `actor`'s scope, its row locked for the transaction. @throws NotFound (404) */
async function loadLocked(tx: CaseWrite, caseId: string, actor: Actor): Promise<LoadedCase> {
  const head = await tx.cases.loadCase(caseId, actor.scope, { lock: true });
  if (!head) throw caseNotFound();
  return head;
}

/** @throws Conflict (409 stale_version) `expected` is given and not the case's version */
function checkVersion(head: CaseHead, expected: number | undefined): void {
  if (expected !== undefined && expected !== head.version)
    throw staleVersion(expected, head.version, head.state);
}

/**
 * The jurisdiction of `to`, the officer who takes the cases over, once `actor` may hand them cases.
 * @throws InvalidInput (400, field `to`) not an active officer; of another jurisdiction than a
 *   lead's own; of a jurisdiction outside a supervisor's division
 */
async function receivingJurisdiction(tx: CaseWrite, to: string, actor: Actor): Promise<string> {
  const account = await new StaffAccountRepository(tx.m).find(to);
  if (!account?.active || account.role !== 'officer' || !account.jurisdictionCode) {
    throw invalidField('to', `${to} is not an active officer`);
  }
  const code = account.jurisdictionCode;
  if (actor.scope.kind === 'jurisdiction' && code !== actor.scope.jurisdictionCode) {
    throw invalidField('to', `${to} is not an officer of your jurisdiction ${actor.scope.jurisdictionCode}`);
  }
  if (actor.scope.kind === 'division') {
    const jurisdiction = await new CatalogueRepository(tx.m).jurisdiction(code);
    if (!jurisdiction?.divisionCode.startsWith(divisionPrefix(actor.scope.divisionCode))) {
      throw invalidField(
        'to',
        `${to} is an officer of ${code}, outside your division ${actor.scope.divisionCode}`,
      );
    }
  }
  return code;
}

/** Appends the claim's history row (a record: the state stays) to case `head`; answers its head after. */
function appendRecord(
  tx: CaseWrite,
  head: CaseHead,
  type: 'CLAIMED' | 'RELEASED' | 'REASSIGNED',
  facts: ClaimFacts,
  actor: Actor,
  at: Date,
): Promise<CaseHead> {
  return tx.append(head, {
    type,
    toState: head.state,
    payload: { ...facts },
    actor: { role: actor.role, id: actor.id },
    occurredAt: at,
  });
}

function viewOf(head: CaseHead, holding: Holding | null): ClaimView {
  return {
    id: head.id,
    caseNumber: head.caseNumber,
    state: head.state,
    version: head.version,
    holder: holding?.holder ?? null,
    claimedAt: holding?.claimedAt ?? null,
  };
}
