import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { divisionPrefix } from '@app/common';
import { CaseEntity } from '@app/db';
import type { CaseScope } from './actor';

/**
 * SQL: case `alias` has reached its home jurisdiction (a forward transfer was delivered at least
 * once). Until then the case is the window's alone: the jurisdiction side sees it from arrival on
 * (DESIGN: the officer "sees forwarded cases arrive in an inbox").
 */
const arrived = (alias: string) =>
  `EXISTS (SELECT 1 FROM transfers st WHERE st.application_id = ${alias}.id AND st.direction = 'forward' AND st.status = 'delivered')`;

/**
 * The SQL condition that holds for the cases in `scope`, on the `applications` row aliased
 * `alias`, with named parameters (`:scope…`) for TypeORM's query builder. The one place where
 * scope becomes a query: reads, lists, statistics and commands all filter through it, so a case
 * out of scope is simply not found (404).
 */
export function scopeCondition(
  scope: CaseScope,
  alias: string,
): { sql: string; params: Record<string, string> } {
  switch (scope.kind) {
    case 'window':
      return { sql: `${alias}.window_code = :scopeWindow`, params: { scopeWindow: scope.windowCode } };
    case 'jurisdiction':
      return {
        sql: `(${alias}.jurisdiction_code = :scopeJurisdiction AND ${arrived(alias)})`,
        params: { scopeJurisdiction: scope.jurisdictionCode },
      };
    case 'division':
      return {
        sql: `(EXISTS (SELECT 1 FROM windows sw WHERE sw.code = ${alias}.window_code AND sw.division_code LIKE :scopeDivision)
            OR (EXISTS (SELECT 1 FROM jurisdictions sj WHERE sj.code = ${alias}.jurisdiction_code AND sj.division_code LIKE :scopeDivision)
                AND ${arrived(alias)}))`,
        params: { scopeDivision: `${divisionPrefix(scope.divisionCode)}%` },
      };
    case 'case':
      return { sql: `${alias}.id = :scopeCase`, params: { scopeCase: scope.caseId } };
    case 'all':
      return { sql: 'TRUE', params: {} };
  }
}

/** A query over the `applications` rows (alias `a`) that lie in `scope`; add filters with andWhere. */
export function casesInScope(m: EntityManager, scope: CaseScope): SelectQueryBuilder<CaseEntity> {
  const { sql, params } = scopeCondition(scope, 'a');
  return m.createQueryBuilder(CaseEntity, 'a').where(sql, params);
}
