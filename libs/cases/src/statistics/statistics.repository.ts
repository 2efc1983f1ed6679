import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { CaseEntity, EvaluationEntity, JurisdictionEntity, ServiceItemEntity, WindowEntity } from '@app/db';
import { divisionPrefix } from '@app/common';
import type { CaseScope } from '../actor';
import { casesInScope } from '../case.repository';
import { EVALUATION_GRADES, UNSATISFIED_GRADES, type EvaluationGrade } from '../evaluation-grades';

/** Which cases to count: those received (created) in [from, to); either end open when absent. */
export interface StatisticsPeriod {
  from?: Date;
  to?: Date;
}

/** The cases a statistic counts: those in `scope` received in `period`. */
export interface CaseSelection {
  scope: CaseScope;
  period: StatisticsPeriod;
}

export interface StateCount {
  state: string;
  count: number;
}
export interface ItemCount {
  itemCode: string;
  itemName: string;
  count: number;
}
export interface WindowCount {
  windowCode: string;
  windowName: string;
  count: number;
}
/**
 * `deemedAccepted`: cases the clock sweep deemed accepted (视为受理, 行政许可法 art. 32); `refused`:
 * cases refused (不予受理);
 * `repeatedSupplementRequests`: supplement requests after a case's first (一次性告知, 行政许可法
 * 第三十二条: each needs a reason, kept in the case's history).
 */
export interface JurisdictionCount {
  jurisdictionCode: string;
  name: string;
  count: number;
  deemedAccepted: number;
  refused: number;
  repeatedSupplementRequests: number;
}
/**
 * Cases received in one month (`YYYY-MM`, Beijing time) that crossed the supervised division's
 * border, each once: `receivedForOthers` at a window inside for a home jurisdiction outside,
 * `receivedByOthers` at a window outside for a home jurisdiction inside; `count` both.
 */
export interface MonthCount {
  month: string;
  count: number;
  receivedForOthers: number;
  receivedByOthers: number;
}
/** Evaluations of one party's side (`count`), and how many gave each grade (keys as EVALUATION_GRADES). */
export type GradeCounts = { count: number } & Record<EvaluationGrade, number>;
export type WindowGrades = { windowCode: string; windowName: string } & GradeCounts;
export type JurisdictionGrades = { jurisdictionCode: string; name: string } & GradeCounts;

/** An evaluation with at least one side graded 差评 (UNSATISFIED_GRADES), as stored. */
export interface UnsatisfiedRow {
  caseNumber: string;
  windowCode: string;
  windowName: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  windowGrade: EvaluationGrade;
  jurisdictionGrade: EvaluationGrade;
  comment: string | null;
  evaluatedAt: Date;
}

const COUNT = 'count(*)::int';

/** SQL: case `a` has an audit row of the event type held by parameter `:param`. */
const hasEvent = (param: string) =>
  `EXISTS (SELECT 1 FROM case_events e WHERE e.application_id = a.id AND e.type = :${param})`;

/**
 * SQL: the supplement requests of case `a` after its first (一次性告知 allows a further one only
 * about what the supplement brought, with a reason): what supervision watches for.
 */
const REPEATED_SUPPLEMENT_REQUESTS = `greatest((SELECT count(*) FROM case_events e
  WHERE e.application_id = a.id AND e.type = :requestSupplement) - 1, 0)`;

/**
 * One grouped count over the selected cases (`applications` aliased `a`): the rows of `joins`
 * joined, those meeting `where` kept, grouped by `keys` (output column → SQL), each group's `count`
 * and `aggregates` (output column → SQL). `order`: `mostFirst`, most cases first, ties by the first
 * key; `byKey`, by the first key; absent, in no set order.
 */
interface Grouping {
  joins?: { entity: new () => object; alias: string; on: string }[];
  where?: string;
  keys: Record<string, string>;
  aggregates?: Record<string, string>;
  params?: Record<string, unknown>;
  order?: 'mostFirst' | 'byKey';
}

const ITEM = { entity: ServiceItemEntity, alias: 'i', on: 'i.code = a.item_code' };
const WINDOW = { entity: WindowEntity, alias: 'w', on: 'w.code = a.window_code' };
const JURISDICTION = { entity: JurisdictionEntity, alias: 'j', on: 'j.code = a.jurisdiction_code' };
const EVALUATION = { entity: EvaluationEntity, alias: 'ev', on: 'ev.application_id = a.id' };

const BY_STATE: Grouping = { keys: { state: 'a.state' } };

const BY_ITEM: Grouping = {
  joins: [ITEM],
  keys: { itemCode: 'a.item_code', itemName: 'i.name' },
  order: 'mostFirst',
};

const BY_WINDOW: Grouping = {
  joins: [WINDOW],
  keys: { windowCode: 'a.window_code', windowName: 'w.name' },
  order: 'mostFirst',
};

const BY_JURISDICTION: Grouping = {
  joins: [JURISDICTION],
  keys: { jurisdictionCode: 'a.jurisdiction_code', name: 'j.name' },
  aggregates: {
    deemedAccepted: `count(*) FILTER (WHERE ${hasEvent('deemAccepted')})::int`,
    refused: `count(*) FILTER (WHERE ${hasEvent('refuse')})::int`,
    repeatedSupplementRequests: `coalesce(sum(${REPEATED_SUPPLEMENT_REQUESTS}), 0)::int`,
  },
  params: { deemAccepted: 'DEEM_ACCEPTED', refuse: 'REFUSE', requestSupplement: 'REQUEST_SUPPLEMENT' },
  order: 'mostFirst',
};

/** SQL: case `a`'s window, or its home jurisdiction, lies in the division bound to `:supervised` (a LIKE pattern). */
const WINDOW_INSIDE = `EXISTS (SELECT 1 FROM windows cw WHERE cw.code = a.window_code AND cw.division_code LIKE :supervised)`;
const JURISDICTION_INSIDE = `EXISTS (SELECT 1 FROM jurisdictions cj
  WHERE cj.code = a.jurisdiction_code AND cj.division_code LIKE :supervised)`;
const FOR_OTHERS = `(${WINDOW_INSIDE} AND NOT ${JURISDICTION_INSIDE})`;
const BY_OTHERS = `(NOT ${WINDOW_INSIDE} AND ${JURISDICTION_INSIDE})`;

/** Cross-border cases per month received, Beijing time (see MonthCount); `:supervised` bound by the caller. */
const BY_MONTH_ACROSS: Grouping = {
  where: `(${FOR_OTHERS} OR ${BY_OTHERS})`,
  keys: { month: `to_char(a.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')` },
  aggregates: {
    receivedForOthers: `count(*) FILTER (WHERE ${FOR_OTHERS})::int`,
    receivedByOthers: `count(*) FILTER (WHERE ${BY_OTHERS})::int`,
  },
  order: 'byKey',
};

const GRADE_KEYS = Object.keys(EVALUATION_GRADES) as EvaluationGrade[];

/** For a GROUP BY over evaluations: how many gave each grade in column `column` (output column = grade). */
const gradeCounts = (column: string): Pick<Grouping, 'aggregates' | 'params'> => ({
  aggregates: Object.fromEntries(
    GRADE_KEYS.map((g) => [g, `count(*) FILTER (WHERE ${column} = :grade_${g})::int`]),
  ),
  params: Object.fromEntries(GRADE_KEYS.map((g) => [`grade_${g}`, g])),
});

const GRADES_BY_WINDOW: Grouping = {
  joins: [EVALUATION, WINDOW],
  keys: { windowCode: 'a.window_code', windowName: 'w.name' },
  ...gradeCounts('ev.window_grade'),
  order: 'mostFirst',
};

const GRADES_BY_JURISDICTION: Grouping = {
  joins: [EVALUATION, JURISDICTION],
  keys: { jurisdictionCode: 'a.jurisdiction_code', name: 'j.name' },
  ...gradeCounts('ev.jurisdiction_grade'),
  order: 'mostFirst',
};

/** The cases `selection` names (in its scope, received in its period) as a query on `applications` aliased `a`. */
export function selectedCases(
  m: EntityManager,
  { scope, period }: CaseSelection,
): SelectQueryBuilder<CaseEntity> {
  const query = casesInScope(m, scope);
  if (period.from) query.andWhere('a.created_at >= :from', { from: period.from });
  if (period.to) query.andWhere('a.created_at < :to', { to: period.to });
  return query;
}

/**
 * Supervision's read queries (督查): grouped counts and lists over a selection of cases, each a
 * statement on `applications` filtered by scope (`casesInScope`) and period (the clocks:
 * ClockStatisticsRepository). Run them in one REPEATABLE READ transaction (`m`) so every count describes the same moment.
 */
export class StatisticsRepository {
  constructor(private readonly m: EntityManager) {}

  byState(cases: CaseSelection): Promise<StateCount[]> {
    return this.countGrouped(cases, BY_STATE);
  }

  /** Per service item, most cases first. */
  byItem(cases: CaseSelection): Promise<ItemCount[]> {
    return this.countGrouped(cases, BY_ITEM);
  }

  /** Per receiving window, most cases first. */
  byWindow(cases: CaseSelection): Promise<WindowCount[]> {
    return this.countGrouped(cases, BY_WINDOW);
  }

  /** Per home jurisdiction, most cases first. */
  byJurisdiction(cases: CaseSelection): Promise<JurisdictionCount[]> {
    return this.countGrouped(cases, BY_JURISDICTION);
  }

  /**
   * The selected cases that crossed the border of division `divisionCode` (GB/T 2260: a city
   * covers its districts), per month received in Beijing time, oldest first (see MonthCount).
   */
  crossBorderByMonth(cases: CaseSelection, divisionCode: string): Promise<MonthCount[]> {
    const supervised = `${divisionPrefix(divisionCode)}%`;
    return this.countGrouped(cases, { ...BY_MONTH_ACROSS, params: { supervised } });
  }

  /** Evaluations (好差评) of the receiving window's side, per window, most evaluated first. */
  gradesByWindow(cases: CaseSelection): Promise<WindowGrades[]> {
    return this.countGrouped(cases, GRADES_BY_WINDOW);
  }

  /** Evaluations (好差评) of the home jurisdiction's side, per jurisdiction, most evaluated first. */
  gradesByJurisdiction(cases: CaseSelection): Promise<JurisdictionGrades[]> {
    return this.countGrouped(cases, GRADES_BY_JURISDICTION);
  }

  /** Every evaluation with a 差评 on either side, latest first (ties by case number). */
  unsatisfied(cases: CaseSelection): Promise<UnsatisfiedRow[]> {
    const query = this.selected(cases);
    for (const { entity, alias, on } of [EVALUATION, WINDOW, JURISDICTION])
      query.innerJoin(entity, alias, on);
    return query
      .andWhere('(ev.window_grade IN (:...unsatisfied) OR ev.jurisdiction_grade IN (:...unsatisfied))', {
        unsatisfied: UNSATISFIED_GRADES,
      })
      .select('a.case_number', 'caseNumber')
      .addSelect('a.window_code', 'windowCode')
      .addSelect('w.name', 'windowName')
      .addSelect('a.jurisdiction_code', 'jurisdictionCode')
      .addSelect('j.name', 'jurisdictionName')
      .addSelect('ev.window_grade', 'windowGrade')
      .addSelect('ev.jurisdiction_grade', 'jurisdictionGrade')
      .addSelect('ev.comment', 'comment')
      .addSelect('ev.created_at', 'evaluatedAt')
      .orderBy('ev.created_at', 'DESC')
      .addOrderBy('a.case_number')
      .getRawMany<UnsatisfiedRow>();
  }

  /** The selected cases as a query on `applications` aliased `a`. */
  private selected(cases: CaseSelection): SelectQueryBuilder<CaseEntity> {
    return selectedCases(this.m, cases);
  }

  /** The one GROUP BY builder: `grouping` over the selected cases. */
  private countGrouped<Row>(cases: CaseSelection, grouping: Grouping): Promise<Row[]> {
    const query = this.selected(cases);
    for (const { entity, alias, on } of grouping.joins ?? []) query.innerJoin(entity, alias, on);
    if (grouping.where) query.andWhere(grouping.where);
    const keys = Object.entries(grouping.keys);
    query.select(keys[0][1], keys[0][0]).groupBy(keys[0][1]);
    for (const [column, sql] of keys.slice(1)) query.addSelect(sql, column).addGroupBy(sql);
    query.addSelect(COUNT, 'count');
    for (const [column, sql] of Object.entries(grouping.aggregates ?? {})) query.addSelect(sql, column);
    if (grouping.params) query.setParameters(grouping.params);
    if (grouping.order === 'mostFirst') query.orderBy('count', 'DESC').addOrderBy(keys[0][1]);
    if (grouping.order === 'byKey') query.orderBy(keys[0][1]);
    return query.getRawMany<Row>();
  }
}
