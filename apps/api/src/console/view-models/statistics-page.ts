import {
  STATISTICS_TABLES,
  UNSATISFIED_GRADES,
  type CaseStatistics,
  type EvaluationGrade,
  type Graded,
  type StatisticsTableName,
} from '@app/cases';
import { clockStageLabel, partyLabel } from '@app/workflow';
import { formatValue, layoutBarChart, type BarChart, type ChartCategory } from './bar-chart';

/** A table of the statistics as the page shows it: the CSV's header row and cells, and where its CSV is. */
export interface StatisticsTableView {
  name: StatisticsTableName;
  caption: string;
  headers: string[];
  /** Cells as text: numbers as formatValue writes them, '—' for none. */
  rows: string[][];
  csvHref: string;
}

/** A chart and the table of the same numbers. */
export interface StatisticsSection {
  chart: BarChart;
  table: StatisticsTableView;
}

/** The supervisor's statistics page: the figures, five charts with their tables, the other tables' CSVs. */
export interface StatisticsPage {
  received: number;
  transferExceptions: number;
  lateTotal: number;
  evaluations: number;
  sections: StatisticsSection[];
  /** The tables without a chart, as CSV downloads. */
  downloads: { caption: string; href: string }[];
}

/** What each table is called on the page (STATISTICS_TABLES holds the columns). */
export const TABLE_CAPTIONS: Readonly<Record<StatisticsTableName, string>> = {
  'stage-durations': '各环节用时（法定工作日）',
  'late-clocks-by-party': '各责任方超期与预警',
  'cross-border': '按月代收与被代收',
  'satisfaction-windows': '各收件窗口满意度',
  'satisfaction-jurisdictions': '各业务属地部门满意度',
  states: '各状态件数',
  items: '各事项件数',
  windows: '各收件窗口件数',
  jurisdictions: '各业务属地部门件数',
  'late-clocks': '预警与超期时限明细',
  unsatisfied: '差评及整改',
};

/** The grades that are not a 差评: 非常满意, 满意, 基本满意. */
const SATISFIED = (['very_satisfied', 'satisfied', 'basically_satisfied'] as EvaluationGrade[]).filter(
  (g) => !UNSATISFIED_GRADES.includes(g),
);

/** The share of a party's evaluations that are not a 差评, percent; null without any. */
export function satisfiedPercent(row: Graded<object>): number | null {
  if (row.count === 0) return null;
  return (100 * SATISFIED.reduce((sum, g) => sum + row.byGrade[g], 0)) / row.count;
}

/** A cell as the page writes it. */
const cellText = (cell: string | number | null): string =>
  cell === null || cell === '' ? '—' : typeof cell === 'number' ? formatValue(cell) : cell;

/**
 * Table `name` of `stats` with the columns of STATISTICS_TABLES (the CSV's), and its CSV link under
 * `csvBase` carrying the period's `query` string ('' or `?from=…&to=…`).
 */
export function statisticsTable(
  name: StatisticsTableName,
  stats: CaseStatistics,
  csvBase: string,
  query: string,
): StatisticsTableView {
  const t = STATISTICS_TABLES[name];
  return {
    name,
    caption: TABLE_CAPTIONS[name],
    headers: t.columns.map(([header]) => header),
    rows: t.rows(stats).map((row) => t.columns.map(([, cell]) => cellText(cell(row)))),
    csvHref: `${csvBase}/${name}.csv${query}`,
  };
}

/**
 * The satisfaction rate (satisfiedPercent) of each rated party of `rows` (windows or jurisdictions,
 * named `party`), each named with how many evaluations it had; the table `name` below it.
 */
function satisfactionChart(
  name: 'satisfaction-windows' | 'satisfaction-jurisdictions',
  party: string,
  rows: (Graded<object> & { label: string })[],
): BarChart {
  return layoutBarChart({
    id: name,
    title: `各${party}满意率（非常满意、满意、基本满意所占比例）`,
    categoryAxis: party,
    valueAxis: '满意率（%）',
    unit: '%',
    series: [{ label: '满意率', cls: 'series-1' }],
    categories: rows.map((r): ChartCategory => ({
      label: `${r.label}（${r.count} 件评价）`,
      values: [satisfiedPercent(r)],
    })),
  });
}

/**
 * The supervisor's page of `stats`: per-stage working days (median, 90th percentile), overdue and
 * warned by party, received for others and by others per month, and the satisfaction rate (not a
 * 差评) per window and per jurisdiction, each a chart beside the table of the same numbers.
 */
export function statisticsPage(stats: CaseStatistics, csvBase: string, query: string): StatisticsPage {
  const table = (name: StatisticsTableName) => statisticsTable(name, stats, csvBase, query);
  const satisfactionSection = (
    name: 'satisfaction-windows' | 'satisfaction-jurisdictions',
    party: string,
    rows: (Graded<object> & { label: string })[],
  ): StatisticsSection => ({ chart: satisfactionChart(name, party, rows), table: table(name) });
  const { byStage, byParty } = stats.clocks;
  const sections: StatisticsSection[] = [
    {
      chart: layoutBarChart({
        id: 'stage-durations',
        title: '各环节用时：已结束时限所用法定工作日',
        categoryAxis: '环节',
        valueAxis: '法定工作日',
        unit: ' 个工作日',
        series: [
          { label: '中位数', cls: 'series-1' },
          { label: '90分位', cls: 'series-2' },
        ],
        categories: byStage.map((s) => ({
          label: `${clockStageLabel(s.stage)}（按期 ${s.met}，超期 ${s.late}）`,
          values: [s.medianWorkingDays, s.p90WorkingDays],
        })),
      }),
      table: table('stage-durations'),
    },
    {
      chart: layoutBarChart({
        id: 'late-clocks-by-party',
        title: '各责任方在计时限：已超期与预警',
        categoryAxis: '责任方',
        valueAxis: '件数',
        unit: ' 件',
        series: [
          { label: '已超期', cls: 'series-overdue' },
          { label: '预警', cls: 'series-warned' },
        ],
        categories: byParty.map((p) => ({ label: partyLabel(p.party), values: [p.overdue, p.warned] })),
      }),
      table: table('late-clocks-by-party'),
    },
    {
      chart: layoutBarChart({
        id: 'cross-border',
        title: '按月跨域办件：本地窗口代收外地件与外地窗口代收本地件',
        categoryAxis: '收件月份（北京时间）',
        valueAxis: '件数',
        unit: ' 件',
        series: [
          { label: '代收外地', cls: 'series-1' },
          { label: '被外地代收', cls: 'series-2' },
        ],
        categories: stats.crossBorder.map((m) => ({
          label: m.month,
          values: [m.receivedForOthers, m.receivedByOthers],
        })),
      }),
      table: table('cross-border'),
    },
    satisfactionSection(
      'satisfaction-windows',
      '收件窗口',
      stats.evaluations.byWindow.map((w) => ({ ...w, label: w.windowName })),
    ),
    satisfactionSection(
      'satisfaction-jurisdictions',
      '业务属地部门',
      stats.evaluations.byJurisdiction.map((j) => ({ ...j, label: j.name })),
    ),
  ];
  const charted = new Set(sections.map((s) => s.table.name));
  return {
    received: stats.received,
    transferExceptions: stats.transferExceptions,
    lateTotal: stats.clocks.late.total,
    evaluations: stats.evaluations.total,
    sections,
    downloads: (Object.keys(STATISTICS_TABLES) as StatisticsTableName[])
      .filter((name) => !charted.has(name))
      .map((name) => ({ caption: TABLE_CAPTIONS[name], href: `${csvBase}/${name}.csv${query}` })),
  };
}
