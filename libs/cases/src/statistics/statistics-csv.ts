import { stringify } from 'csv-stringify/sync';
import { beijingTime, NotFound } from '@app/common';
import { clockStageLabel as stageLabel, partyLabel } from '@app/workflow';
import type { ClockState } from './clock-statistics.repository';
import { EVALUATION_GRADES, type EvaluationGrade } from '../evaluation-grades';
import { RECTIFYING_PARTY } from '../clocks/rectification';
import type { Graded } from './satisfaction';
import type { CaseStatistics } from './statistics.service';

type Cell = string | number | null;

/** A table of the statistics: its rows, and its columns (header in Chinese, the cell of a row). */
interface Table<Row> {
  rows: (stats: CaseStatistics) => Row[];
  columns: [header: string, cell: (row: Row) => Cell][];
}

const table = <Row>(t: Table<Row>) => t as Table<unknown>;

/** A grade-count column per grade (非常满意 … 非常不满意), after the evaluations counted. */
const GRADE_COLUMNS: Table<Graded<object>>['columns'] = [
  ['评价数', (r) => r.count],
  ...(Object.entries(EVALUATION_GRADES) as [EvaluationGrade, string][]).map(
    ([grade, label]): Table<Graded<object>>['columns'][number] => [label, (r) => r.byGrade[grade]],
  ),
];

/** How a clock stands, in Chinese (ClockState): the CSV's words for a late clock and a rectification. */
export const CLOCK_STATE_LABELS: Readonly<Record<ClockState, string>> = {
  running: '计时中',
  warned: '预警',
  overdue: '超期',
  paused: '暂停',
  met: '按期完成',
  late: '超期完成',
  withdrawn: '已撤回',
};

/**
 * The tables of `GET /statistics/:table.csv`, by name: each one of CaseStatistics' lists, with
 * Chinese headers and times in Beijing time (ISO 8601, +08:00).
 */
export const STATISTICS_TABLES = {
  states: table<CaseStatistics['byState'][number]>({
    rows: (s) => s.byState,
    columns: [
      ['状态代码', (r) => r.state],
      ['状态', (r) => r.label],
      ['件数', (r) => r.count],
    ],
  }),
  items: table<CaseStatistics['byItem'][number]>({
    rows: (s) => s.byItem,
    columns: [
      ['事项编码', (r) => r.itemCode],
      ['事项名称', (r) => r.itemName],
      ['件数', (r) => r.count],
    ],
  }),
  windows: table<CaseStatistics['byWindow'][number]>({
    rows: (s) => s.byWindow,
    columns: [
      ['窗口编码', (r) => r.windowCode],
      ['收件窗口', (r) => r.windowName],
      ['件数', (r) => r.count],
    ],
  }),
  jurisdictions: table<CaseStatistics['byJurisdiction'][number]>({
    rows: (s) => s.byJurisdiction,
    columns: [
      ['属地部门编码', (r) => r.jurisdictionCode],
      ['业务属地部门', (r) => r.name],
      ['件数', (r) => r.count],
      ['视为受理', (r) => r.deemedAccepted],
      ['不予受理', (r) => r.refused],
      ['再次补正告知', (r) => r.repeatedSupplementRequests],
    ],
  }),
  'late-clocks': table<CaseStatistics['clocks']['late']['clocks'][number]>({
    rows: (s) => s.clocks.late.clocks,
    columns: [
      ['办件编号', (r) => r.caseNumber],
      ['事项编码', (r) => r.itemCode],
      ['窗口编码', (r) => r.windowCode],
      ['属地部门编码', (r) => r.jurisdictionCode],
      ['环节', (r) => stageLabel(r.stage)],
      ['责任方', (r) => partyLabel(r.party)],
      ['状态', (r) => CLOCK_STATE_LABELS[r.status]],
      ['期限', (r) => beijingTime(r.dueAt)],
      ['暂定日历', (r) => (r.provisional ? '是' : '否')],
      ['剩余工作日', (r) => r.workingDaysLeft],
    ],
  }),
  'late-clocks-by-party': table<CaseStatistics['clocks']['byParty'][number]>({
    rows: (s) => s.clocks.byParty,
    columns: [
      ['责任方', (r) => partyLabel(r.party)],
      ['超期', (r) => r.overdue],
      ['预警', (r) => r.warned],
    ],
  }),
  'stage-durations': table<CaseStatistics['clocks']['byStage'][number]>({
    rows: (s) => s.clocks.byStage,
    columns: [
      ['环节', (r) => stageLabel(r.stage)],
      ['按期', (r) => r.met],
      ['超期', (r) => r.late],
      ['用时中位数（工作日）', (r) => r.medianWorkingDays],
      ['用时90分位（工作日）', (r) => r.p90WorkingDays],
    ],
  }),
  'cross-border': table<CaseStatistics['crossBorder'][number]>({
    rows: (s) => s.crossBorder,
    columns: [
      ['月份', (r) => r.month],
      ['跨域办件数', (r) => r.count],
      ['本地窗口代收外地件', (r) => r.receivedForOthers],
      ['外地窗口代收本地件', (r) => r.receivedByOthers],
    ],
  }),
  'satisfaction-windows': table<CaseStatistics['evaluations']['byWindow'][number]>({
    rows: (s) => s.evaluations.byWindow,
    columns: [['窗口编码', (r) => r.windowCode], ['收件窗口', (r) => r.windowName], ...GRADE_COLUMNS],
  }),
  'satisfaction-jurisdictions': table<CaseStatistics['evaluations']['byJurisdiction'][number]>({
    rows: (s) => s.evaluations.byJurisdiction,
    columns: [['属地部门编码', (r) => r.jurisdictionCode], ['业务属地部门', (r) => r.name], ...GRADE_COLUMNS],
  }),
  unsatisfied: table<CaseStatistics['evaluations']['unsatisfied'][number]>({
    rows: (s) => s.evaluations.unsatisfied,
    columns: [
      ['办件编号', (r) => r.caseNumber],
      ['被评价方', (r) => partyLabel(RECTIFYING_PARTY[r.side])],
      ['单位编码', (r) => r.partyCode],
      ['单位名称', (r) => r.partyName],
      ['评价', (r) => r.gradeLabel],
      ['评价内容', (r) => r.comment],
      ['评价时间', (r) => beijingTime(r.evaluatedAt)],
      ['整改状态', (r) => (r.rectification ? CLOCK_STATE_LABELS[r.rectification.state] : null)],
      ['整改期限', (r) => (r.rectification?.dueAt ? beijingTime(r.rectification.dueAt) : null)],
      ['剩余工作日', (r) => r.rectification?.workingDaysLeft ?? null],
      ['整改用时（工作日）', (r) => r.rectification?.usedWorkingDays ?? null],
    ],
  }),
};

export type StatisticsTableName = keyof typeof STATISTICS_TABLES;

/**
 * The table `name` of STATISTICS_TABLES.
 * @throws NotFound (404) no table has that name
 */
export function statisticsTable(name: string): Table<unknown> {
  if (!Object.hasOwn(STATISTICS_TABLES, name)) {
    throw new NotFound('statistics_table', 'no such statistics table', {
      tables: Object.keys(STATISTICS_TABLES),
    });
  }
  return STATISTICS_TABLES[name as StatisticsTableName];
}

/**
 * `rows` of `t` as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads the Chinese), the
 * header row first, CRLF line ends, empty cells for null.
 */
export function csvOf(t: Table<unknown>, stats: CaseStatistics): string {
  const rows = t.rows(stats).map((row) => t.columns.map(([, cell]) => cell(row)));
  return (
    '\uFEFF' + stringify([t.columns.map(([header]) => header), ...rows], { record_delimiter: 'windows' })
  );
}
