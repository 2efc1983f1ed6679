import type { EntityManager } from 'typeorm';
import type { CalendarDay } from '@app/calendar';
import type { Party } from '@app/workflow';
import type { CaseScope } from './actor';
import { scopeCondition } from './case.repository';
import { claimJoin, heldByCondition } from './claims/claim-sql';
import type { CaseListQuery } from './case-query.service';
import type { DueMoment, DueState } from './worklist';

/** One row of a worklist as read: the case's listed columns and what is due next on it, or null. */
export interface WorklistRow {
  id: string;
  caseNumber: string;
  itemCode: string;
  windowCode: string;
  state: string;
  version: number;
  /** As stored (not sealed; masking is the service's). */
  applicantName: string;
  /** When the case entered its current state. */
  updatedAt: Date;
  due: DueMoment | null;
  /** The officer who holds the case (认领); null when nobody does. */
  holder: string | null;
}

interface Row {
  id: string;
  case_number: string;
  item_code: string;
  window_code: string;
  state: string;
  version: number;
  applicant_name: string;
  updated_at: Date;
  due_stage: string | null;
  due_party: string;
  due_at: Date;
  due_date: CalendarDay;
  due_provisional: boolean;
  due_state: DueState;
  holder: string | null;
}

/**
 * The case's next due clock for `:parties` as of `:asOf`: of its running clocks charged to them, the
 * earliest due (then by stage), with its state as a worklist shows it (DueState). A LATERAL join
 * read through the index clocks_application (application_id, …), one case at a time.
 */
const NEXT_DUE = `LEFT JOIN LATERAL (
    SELECT c.stage, c.party, c.due_at, to_char(c.due_date, 'YYYY-MM-DD') AS due_date, c.provisional,
           CASE WHEN c.overdue_at IS NOT NULL OR c.due_at <= :asOf THEN 'overdue'
                WHEN c.warned_at IS NOT NULL THEN 'warned' ELSE 'running' END AS state
      FROM clocks c
     WHERE c.application_id = a.id AND c.status = 'running' AND c.party = ANY(:parties)
     ORDER BY c.due_at, c.stage LIMIT 1) d ON TRUE`;

/**
 * The case travelled under waybill `:wb`: one of its transfers names it (a forward, a redispatch,
 * the result by mail) or a parcel it was packed in does (材料交接单: several cases, one waybill).
 */
const WITH_WAYBILL = `(EXISTS (SELECT 1 FROM transfers t WHERE t.application_id = a.id AND t.waybill_number = :wb)
    OR EXISTS (SELECT 1 FROM parcel_items pi JOIN parcels p ON p.id = pi.parcel_id
                WHERE pi.application_id = a.id AND p.waybill_number = :wb))`;

/**
 * A list's filters as the repository takes them: the query's, the applicant's ID number given as
 * its lookup hashes under every configured key (PiiCipher.idNumberLookups), never in the clear.
 */
export type WorklistFilter = Omit<CaseListQuery, 'applicantIdNumber'> & { applicantIdLookups?: string[] };

/** Orders of a worklist (WorklistSort), each total so pages neither repeat nor skip a case. */
const ORDER = {
  due: 'd.due_at ASC NULLS LAST, a.case_number ASC, a.id ASC',
  waiting: 'a.updated_at ASC, a.id ASC',
} as const;

/**
 * The SQL of worklists (issue 12 item 6): pages of the cases in a scope, each with what is due next
 * on it for the parties whose list it is, sorted and filtered by it. Works through `m`.
 */
export class WorklistRepository {
  constructor(private readonly m: EntityManager) {}

  /**
   * One page of the cases in `scope` matching `query`'s filters (AND), in `query.sort` order, each
   * with its next due clock among those charged to `parties` (DueMoment, states as of `asOf`), and
   * the number of all that match. `query.clockState` keeps the rows whose due clock is in that state.
   */
  async page(
    query: WorklistFilter,
    scope: CaseScope,
    parties: readonly Party[],
    asOf: Date,
  ): Promise<{ rows: WorklistRow[]; total: number }> {
    const inScope = scopeCondition(scope, 'a');
    const where = [
      inScope.sql,
      query.jurisdictionCode ? 'a.jurisdiction_code = :jc' : null,
      query.windowCode ? 'a.window_code = :wc' : null,
      query.caseNumber ? 'a.case_number = :cn' : null,
      query.waybillNumber ? WITH_WAYBILL : null,
      query.applicantIdLookups ? 'a.applicant_id_lookup = ANY(:idLookups)' : null,
      query.states ? 'a.state = ANY(:states)' : null,
      query.clockState ? 'd.state = :clockState' : null,
      query.heldBy ? heldByCondition('a', 'heldBy') : null,
    ].filter((c) => c !== null);
    const from = `FROM applications a ${NEXT_DUE} ${claimJoin('a')} WHERE ${where.join(' AND ')}`;
    const params = {
      ...inScope.params,
      jc: query.jurisdictionCode,
      wc: query.windowCode,
      cn: query.caseNumber,
      wb: query.waybillNumber,
      idLookups: query.applicantIdLookups,
      states: query.states ? [...query.states] : null,
      clockState: query.clockState,
      heldBy: query.heldBy,
      parties: [...parties],
      asOf,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    };
    const [rows, [{ total }]] = await Promise.all([
      this.run<Row>(
        `SELECT a.id, a.case_number, a.item_code, a.window_code, a.state, a.version, a.applicant_name,
                a.updated_at, d.stage AS due_stage, d.party AS due_party, d.due_at, d.due_date,
                d.provisional AS due_provisional, d.state AS due_state, claim.holder
           ${from} ORDER BY ${ORDER[query.sort]} LIMIT :limit OFFSET :offset`,
        params,
      ),
      this.run<{ total: number }>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return { rows: rows.map(toRow), total };
  }

  /** Runs `sql` with named `:parameters` (those it does not name are ignored). */
  private run<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.m.connection.driver.escapeQueryWithParameters(sql, params, {});
    return this.m.query(text, values);
  }
}

const toRow = (r: Row): WorklistRow => ({
  id: r.id,
  caseNumber: r.case_number,
  itemCode: r.item_code,
  windowCode: r.window_code,
  state: r.state,
  version: r.version,
  applicantName: r.applicant_name,
  updatedAt: r.updated_at,
  holder: r.holder,
  due:
    r.due_stage === null
      ? null
      : {
          stage: r.due_stage,
          party: r.due_party,
          dueAt: r.due_at,
          dueDate: r.due_date,
          provisional: r.due_provisional,
          state: r.due_state,
        },
});
