import type { StaffPrincipal } from '@app/accounts';
import type { CaseView, ReassignChoices } from '@app/cases';
import { may } from '@app/common';
import { stateHasTag, stateLabel } from '@app/workflow';

/**
 * What `partials/claim.eta` shows of a case's claim (认领, issue 14): who holds it and since when,
 * in words, and which of 认领 / 释放 the reader is offered. Pages that show a case (the case page,
 * the claim page) build it with `claimPanel` and include the partial with `{ claim, csrf, h }`.
 */
export interface ClaimPanel {
  caseId: string;
  caseNumber: string;
  /** The version the page was rendered with: the forms send it, so a stale page is refused. */
  version: number;
  /** The case's state in words (stateLabel). */
  stateLabel: string;
  holder: string | null;
  claimedAt: Date | null;
  /** The reader holds the case. */
  mine: boolean;
  /** 认领 is offered: the reader is an officer, nobody holds the case and it has not ended. */
  canClaim: boolean;
  /** 释放 is offered: the reader holds the case. */
  canRelease: boolean;
  /** Another officer holds it and the reader is an officer: the case's actions are not theirs. */
  heldByOther: boolean;
}

/** The claim panel of case `view` as `staff` sees it. */
export function claimPanel(
  staff: StaffPrincipal,
  view: Pick<CaseView, 'id' | 'caseNumber' | 'version' | 'state' | 'holder'>,
): ClaimPanel {
  const holder = view.holder?.username ?? null;
  // Who may claim is the policy's (claimCases: the home jurisdiction's officers).
  const officer = may(staff.role, 'claimCases');
  const mine = holder !== null && holder === staff.username;
  return {
    caseId: view.id,
    caseNumber: view.caseNumber,
    version: view.version,
    stateLabel: stateLabel(view.state)?.label ?? view.state,
    holder,
    claimedAt: view.holder?.claimedAt ?? null,
    mine,
    canClaim: officer && holder === null && !stateHasTag(view.state, 'final'),
    canRelease: mine,
    heldByOther: officer && holder !== null && !mine,
  };
}

/** The reassign page's choices (ClaimService.choices), each case's state in words. */
export function reassignView(choices: ReassignChoices) {
  return {
    ...choices,
    cases: choices.cases.map((c) => ({ ...c, stateLabel: stateLabel(c.state)?.label ?? c.state })),
  };
}
