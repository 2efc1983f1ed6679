import type { EntityManager } from 'typeorm';
import type { Holding } from '@app/common';
import type { CaseScope } from '../actor';
import { scopeCondition } from '../case.repository';

/** A case an officer holds, as a reassignment reads it. */
export interface HeldCase {
  id: string;
  caseNumber: string;
  jurisdictionCode: string;
  state: string;
  claimedAt: Date;
}

/** An officer who holds cases, and how many (within the reader's scope). */
export interface HolderCount {
  holder: string;
  cases: number;
}

/** Where `run` puts the scope's condition. */
const SCOPE = '/*scope*/ TRUE';

/**
 * The `case_claims` table (issue 14: claim and release): at most one row per case (its primary
 * key), naming the officer who holds it and since when. Works through `m`, the caller's
 * transaction; the case's history rows (CLAIMED, RELEASED, REASSIGNED) are the caller's to append.
 */
export class ClaimRepository {
  constructor(private readonly m: EntityManager) {}

  /** Who holds case `caseId` and since when; null when nobody does. */
  async holdingOf(caseId: string): Promise<Holding | null> {
    const [row]: Holding[] = await this.m.query(
      `SELECT holder, claimed_at AS "claimedAt" FROM case_claims WHERE application_id = $1`,
      [caseId],
    );
    return row ?? null;
  }

  /** Records `holder` as the holder of case `caseId` from `at`; false when someone already holds it. */
  async insert(caseId: string, holder: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await this.m.query(
      `INSERT INTO case_claims (application_id, holder, claimed_at) VALUES ($1, $2, $3)
       ON CONFLICT (application_id) DO NOTHING RETURNING application_id`,
      [caseId, holder, at],
    );
    return rows.length === 1;
  }

  /** Ends `holder`'s claim of case `caseId`; false when they did not hold it. */
  async delete(caseId: string, holder: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.m.query(
      `DELETE FROM case_claims WHERE application_id = $1 AND holder = $2`,
      [caseId, holder],
    );
    return affected === 1;
  }

  /** Hands case `caseId` from `from` to `to`, held from `at`; false when `from` did not hold it. */
  async reassign(caseId: string, from: string, to: string, at: Date): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.m.query(
      `UPDATE case_claims SET holder = $3, claimed_at = $4 WHERE application_id = $1 AND holder = $2`,
      [caseId, from, to, at],
    );
    return affected === 1;
  }

  /**
   * The cases in `scope` that `holder` holds (only those of `caseIds` when given), by id; with
   * `lock`, their claim rows locked until the caller's transaction ends.
   */
  async heldBy(
    holder: string,
    scope: CaseScope,
    caseIds?: readonly string[],
    lock = true,
  ): Promise<HeldCase[]> {
    return this.run<HeldCase>(
      `SELECT a.id, a.case_number AS "caseNumber", a.jurisdiction_code AS "jurisdictionCode", a.state,
              c.claimed_at AS "claimedAt"
         FROM case_claims c JOIN applications a ON a.id = c.application_id
        WHERE c.holder = :holder AND ${SCOPE} ${caseIds ? 'AND a.id = ANY(:ids)' : ''}
        ORDER BY a.id ${lock ? 'FOR UPDATE OF c' : ''}`,
      scope,
      { holder, ids: caseIds ? [...caseIds] : null },
    );
  }

  /** The officers who hold cases in `scope`, by username, with how many each. */
  holders(scope: CaseScope): Promise<HolderCount[]> {
    return this.run<HolderCount>(
      `SELECT c.holder, count(*)::int AS cases
         FROM case_claims c JOIN applications a ON a.id = c.application_id
        WHERE ${SCOPE} GROUP BY c.holder ORDER BY c.holder`,
      scope,
      {},
    );
  }

  /** Runs `sql` with `:named` parameters, its SCOPE placeholder the condition of `scope` on `a`. */
  private run<T>(sql: string, scope: CaseScope, params: Record<string, unknown>): Promise<T[]> {
    const inScope = scopeCondition(scope, 'a');
    const [text, values] = this.m.connection.driver.escapeQueryWithParameters(
      sql.replace(SCOPE, inScope.sql),
      { ...inScope.params, ...params },
      {},
    );
    return this.m.query(text, values);
  }
}
