/**
 * The SQL by which the case reads (CaseRepository.loadCase, the worklists) see a case's claim: a
 * join of its `case_claims` row, which ClaimRepository writes. Kept apart from the repository so
 * the case repository can read a claim without importing the claim repository (which reads scopes
 * from it).
 */

/** SQL: LEFT JOIN of the claim of the case aliased `alias`, as `claim` (`claim.holder`, `claim.claimed_at`). */
export const claimJoin = (alias: string) =>
  `LEFT JOIN case_claims claim ON claim.application_id = ${alias}.id`;

/** SQL: the case aliased `alias` is held by the named parameter `:${param}`. */
export const heldByCondition = (alias: string, param: string) =>
  `EXISTS (SELECT 1 FROM case_claims hc WHERE hc.application_id = ${alias}.id AND hc.holder = :${param})`;
