import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AppConfig, assertMay } from '@app/common';
import {
  ApplicationEntity,
  EvaluationEntity,
  JurisdictionEntity,
  ServiceItemEntity,
  WindowEntity,
} from '@app/db';
import { CASE_STATES, isCaseState, stateHasTag, statesTagged } from '@app/workflow';
import type { Actor, CaseScope } from './actor';
import { casesInScope } from './case-scope';
import { EVALUATION_GRADES, type EvaluationGrade } from './evaluation.service';
import { stateLabel } from './state-labels';

/** Longest list of overdue cases answered; `overdueAcceptance.total` counts them all. */
export const OVERDUE_LIST_LIMIT = 200;

const COUNT = 'count(*)::int';

/**
 * SQL: when case `a` last arrived in its home jurisdiction's inbox (entered a state bound to
 * parameter `:awaitingAcceptance`, the states tagged `acceptancePending`); the deemed-acceptance deadline counts from the same arrival.
 */
const ARRIVED_AT = `(SELECT max(e.occurred_at) FROM case_events e
  WHERE e.application_id = a.id AND e.to_state IN (:...awaitingAcceptance))`;

/**
 * SQL: when the acceptance period of case `a`'s last arrival ends: the deadline recorded on its
 * latest forward transfer when the papers arrived; for an arrival recorded before deadlines were
 * kept, the arrival plus the period bound to `:periodMs` (today's setting, the best there is).
 */
const DUE_AT = `coalesce((SELECT t.acceptance_due_at FROM transfers t
  WHERE t.application_id = a.id AND t.direction = 'forward' ORDER BY t.dispatched_at DESC LIMIT 1),
  ${ARRIVED_AT} + :periodMs * interval '1 millisecond')`;

/** SQL: case `a` has an audit row of the event type held by parameter `:param`. */
const hasEvent = (param: string) =>
  `EXISTS (SELECT 1 FROM case_events e WHERE e.application_id = a.id AND e.type = :${param})`;

/**
 * SQL: the supplement requests of case `a` after its first (一次性告知 allows a further one only
 * about what the supplement brought, with a reason): what supervision watches for.
 */
const REPEATED_SUPPLEMENT_REQUESTS = `greatest((SELECT count(*) FROM case_events e
  WHERE e.application_id = a.id AND e.type = :requestSupplement) - 1, 0)`;

/** Which cases to count: those received (created) in [from, to); either end open when absent. */
export interface StatisticsPeriod {
  from?: Date;
  to?: Date;
}

/** A case left in the inbox past the acceptance period: the deadline job should have deemed it accepted. */
export interface OverdueCase {
  id: string;
  caseNumber: string;
  itemCode: string;
  windowCode: string;
  jurisdictionCode: string;
  /** When the papers last arrived (the case entered forwarded.awaitingAcceptance). */
  arrivedAt: Date;
  /**
   * When it should have been accepted, refused or deemed accepted: the deadline set when the papers
   * arrived (arrivedAt + the ACCEPTANCE_PERIOD_MS configured then), whatever the setting is now.
   */
  dueAt: Date;
  /** How long past dueAt, ms of calendar time. */
  overdueMs: number;
}

/** What a supervisor (督查) reads about their division; counts only, no personal data. */
export interface CaseStatistics {
  divisionCode: string;
  /** The period as counted (cases received in [from, to)); null: open. */
  from: Date | null;
  to: Date | null;
  /** The moment the overdue list was measured against. */
  asOf: Date;
  /** The acceptance period configured now, ms of calendar time: the deadline of the next arrivals. */
  acceptancePeriodMs: number;
  /** Cases received, all states. */
  received: number;
  /** Every state in the machine's order (zeros included), then any stored state the machine lacks. */
  byState: { state: string; label: string; count: number }[];
  /** Per service item, per receiving window, per home jurisdiction: most cases first. */
  byItem: { itemCode: string; itemName: string; count: number }[];
  byWindow: { windowCode: string; windowName: string; count: number }[];
  /**
   * `deemedAccepted`: cases the deadline job accepted (视为受理); `refused`: cases refused (不予受理);
   * `repeatedSupplementRequests`: supplement requests after a case's first (一次性告知, 行政许可法
   * 第三十二条: each needs a reason, kept in the case's history).
   */
  byJurisdiction: {
    jurisdictionCode: string;
    name: string;
    count: number;
    deemedAccepted: number;
    refused: number;
    repeatedSupplementRequests: number;
  }[];
  /** Cases still awaiting acceptance past the period, longest overdue first (at most OVERDUE_LIST_LIMIT). */
  overdueAcceptance: { total: number; cases: OverdueCase[] };
  /** Cases whose transfer failed (tag `transferFailed`): a lost parcel or altered scan waiting for the window to redispatch. */
  transferExceptions: number;
  /** Service evaluations (好差评) of these cases, every grade listed. */
  evaluations: { total: number; byGrade: Record<EvaluationGrade, number> };
}

/**
 * Supervision statistics (督查): counts by state, service item, receiving window and home
 * jurisdiction, the cases overdue for acceptance, transfer exceptions and evaluations, over the
 * cases in a supervisor's division (a case received at a window or owned by a jurisdiction inside
 * it). Read-only; a handful of GROUP BY queries in one REPEATABLE READ transaction, so every count
 * describes the same moment. Time is calendar time (ms) until the working-day calendar arrives.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * The statistics of the cases in `actor`'s division received in `period` (see CaseStatistics):
   * every figure, the overdue list included, covers only those cases. Overdue means still awaiting
   * acceptance past the deadline set on arrival (see OverdueCase.dueAt), measured at `asOf` (now).
   * @throws NotAllowed (403) the actor is not a supervisor
   */
  async statistics(actor: Actor, period: StatisticsPeriod = {}): Promise<CaseStatistics> {
    const divisionCode = supervisedDivision(actor);
    const asOf = new Date();
    const acceptancePeriodMs = this.config.ACCEPTANCE_PERIOD_MS;
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const cases = () => casesReceived(m, actor.scope, period);
      const byState = withLabels(await countByState(cases()));
      return {
        divisionCode,
        from: period.from ?? null,
        to: period.to ?? null,
        asOf,
        acceptancePeriodMs,
        received: byState.reduce((sum, s) => sum + s.count, 0),
        byState,
        byItem: await countByItem(cases()),
        byWindow: await countByWindow(cases()),
        byJurisdiction: await countByJurisdiction(cases()),
        overdueAcceptance: await overdueAcceptance(cases(), asOf, acceptancePeriodMs),
        transferExceptions: byState
          .filter((s) => stateHasTag(s.state, 'transferFailed'))
          .reduce((sum, s) => sum + s.count, 0),
        evaluations: await countEvaluations(cases()),
      };
    });
  }
}

/**
 * The division `actor` supervises.
 * @throws NotAllowed (403) any role but supervisor
 */
function supervisedDivision(actor: Actor): string {
  assertMay(actor, 'readStatistics');
  return actor.scope.divisionCode;
}

/** The cases in `scope` received in `period`, as a query on `applications` aliased `a`. */
function casesReceived(
  m: EntityManager,
  scope: CaseScope,
  period: StatisticsPeriod,
): SelectQueryBuilder<ApplicationEntity> {
  const query = casesInScope(m, scope);
  if (period.from) query.andWhere('a.created_at >= :from', { from: period.from });
  if (period.to) query.andWhere('a.created_at < :to', { to: period.to });
  return query;
}

function countByState(cases: SelectQueryBuilder<ApplicationEntity>) {
  return cases
    .select('a.state', 'state')
    .addSelect(COUNT, 'count')
    .groupBy('a.state')
    .getRawMany<{ state: string; count: number }>();
}

/** Every machine state with its count (zero when absent) and label, then unknown stored states. */
function withLabels(rows: { state: string; count: number }[]): CaseStatistics['byState'] {
  const counted = new Map(rows.map((r) => [r.state, r.count]));
  const states = [...CASE_STATES, ...rows.map((r) => r.state).filter((s) => !isCaseState(s))];
  return states.map((state) => ({
    state,
    label: stateLabel(state)?.label ?? state,
    count: counted.get(state) ?? 0,
  }));
}

function countByItem(cases: SelectQueryBuilder<ApplicationEntity>) {
  return cases
    .innerJoin(ServiceItemEntity, 'i', 'i.code = a.item_code')
    .select('a.item_code', 'itemCode')
    .addSelect('i.name', 'itemName')
    .addSelect(COUNT, 'count')
    .groupBy('a.item_code')
    .addGroupBy('i.name')
    .orderBy('count', 'DESC')
    .addOrderBy('a.item_code')
    .getRawMany<CaseStatistics['byItem'][number]>();
}

function countByWindow(cases: SelectQueryBuilder<ApplicationEntity>) {
  return cases
    .innerJoin(WindowEntity, 'w', 'w.code = a.window_code')
    .select('a.window_code', 'windowCode')
    .addSelect('w.name', 'windowName')
    .addSelect(COUNT, 'count')
    .groupBy('a.window_code')
    .addGroupBy('w.name')
    .orderBy('count', 'DESC')
    .addOrderBy('a.window_code')
    .getRawMany<CaseStatistics['byWindow'][number]>();
}

function countByJurisdiction(cases: SelectQueryBuilder<ApplicationEntity>) {
  return cases
    .innerJoin(JurisdictionEntity, 'j', 'j.code = a.jurisdiction_code')
    .select('a.jurisdiction_code', 'jurisdictionCode')
    .addSelect('j.name', 'name')
    .addSelect(COUNT, 'count')
    .addSelect(`count(*) FILTER (WHERE ${hasEvent('deemAccepted')})::int`, 'deemedAccepted')
    .addSelect(`count(*) FILTER (WHERE ${hasEvent('refuse')})::int`, 'refused')
    .addSelect(`coalesce(sum(${REPEATED_SUPPLEMENT_REQUESTS}), 0)::int`, 'repeatedSupplementRequests')
    .setParameters({
      deemAccepted: 'DEEM_ACCEPTED',
      refuse: 'REFUSE',
      requestSupplement: 'REQUEST_SUPPLEMENT',
    })
    .groupBy('a.jurisdiction_code')
    .addGroupBy('j.name')
    .orderBy('count', 'DESC')
    .addOrderBy('a.jurisdiction_code')
    .getRawMany<CaseStatistics['byJurisdiction'][number]>();
}

/**
 * The cases awaiting acceptance whose deadline (DUE_AT) passed before `asOf`, longest waiting
 * first; `periodMs` only for arrivals recorded without a deadline.
 */
async function overdueAcceptance(
  cases: SelectQueryBuilder<ApplicationEntity>,
  asOf: Date,
  periodMs: number,
): Promise<CaseStatistics['overdueAcceptance']> {
  const rows = await cases
    .andWhere('a.state IN (:...awaitingAcceptance)')
    .andWhere(`${DUE_AT} < :asOf`)
    .setParameters({ awaitingAcceptance: statesTagged('acceptancePending'), asOf, periodMs })
    .select('a.id', 'id')
    .addSelect('a.case_number', 'caseNumber')
    .addSelect('a.item_code', 'itemCode')
    .addSelect('a.window_code', 'windowCode')
    .addSelect('a.jurisdiction_code', 'jurisdictionCode')
    .addSelect(ARRIVED_AT, 'arrivedAt')
    .addSelect(DUE_AT, 'dueAt')
    .addSelect('count(*) OVER ()::int', 'total')
    .orderBy('"arrivedAt"', 'ASC')
    .addOrderBy('a.id')
    .limit(OVERDUE_LIST_LIMIT)
    .getRawMany<Omit<OverdueCase, 'overdueMs'> & { total: number }>();
  return {
    total: rows[0]?.total ?? 0,
    cases: rows.map(({ total: _total, ...row }) => ({
      ...row,
      overdueMs: asOf.getTime() - row.dueAt.getTime(),
    })),
  };
}

async function countEvaluations(
  cases: SelectQueryBuilder<ApplicationEntity>,
): Promise<CaseStatistics['evaluations']> {
  const rows = await cases
    .innerJoin(EvaluationEntity, 'ev', 'ev.application_id = a.id')
    .select('ev.grade', 'grade')
    .addSelect(COUNT, 'count')
    .groupBy('ev.grade')
    .getRawMany<{ grade: EvaluationGrade; count: number }>();
  const byGrade = Object.fromEntries(Object.keys(EVALUATION_GRADES).map((g) => [g, 0])) as Record<
    EvaluationGrade,
    number
  >;
  for (const { grade, count } of rows) byGrade[grade] = count;
  return { total: rows.reduce((sum, r) => sum + r.count, 0), byGrade };
}
