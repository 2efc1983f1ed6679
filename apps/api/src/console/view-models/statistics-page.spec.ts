import type { CaseStatistics } from '@app/cases';
import { satisfiedPercent, statisticsPage } from './statistics-page';

const grades = (very_satisfied: number, satisfied: number, dissatisfied: number) => ({
  count: very_satisfied + satisfied + dissatisfied,
  byGrade: { very_satisfied, satisfied, basically_satisfied: 0, dissatisfied, very_dissatisfied: 0 },
});

/** Statistics with what the five charted tables read, and nothing in the rest. */
const stats = {
  received: 3,
  transferExceptions: 0,
  byState: [],
  byItem: [],
  byWindow: [],
  byJurisdiction: [],
  clocks: {
    late: { total: 2, clocks: [] },
    byParty: [{ party: 'homeJurisdiction', overdue: 2, warned: 1 }],
    byStage: [{ stage: 'acceptance', met: 3, late: 1, medianWorkingDays: 2.5, p90WorkingDays: null }],
  },
  crossBorder: [{ month: '2026-11', count: 3, receivedForOthers: 3, receivedByOthers: 0 }],
  evaluations: {
    total: 4,
    byWindow: [{ windowCode: 'W330902', windowName: '定海区行政服务中心', ...grades(2, 1, 1) }],
    byJurisdiction: [
      { jurisdictionCode: 'J310115-SFJ', name: '上海市浦东新区 市司法局', ...grades(0, 0, 0) },
    ],
    unsatisfied: [],
  },
} as unknown as CaseStatistics;

describe("the supervisor's statistics page", () => {
  const page = statisticsPage(stats, '/console/staff/statistics', '?from=2026-11-01');

  it('counts the grades that are not a 差评 as satisfied, and has no rate without evaluations', () => {
    expect(satisfiedPercent(grades(2, 1, 1))).toBe(75);
    expect(satisfiedPercent(grades(0, 0, 0))).toBeNull();
  });

  it("writes each chart's numbers as the table beside it writes them, with the CSV's headers", () => {
    const [stages, parties, months, windows, jurisdictions] = page.sections;
    expect(stages.table.headers).toEqual([
      '环节',
      '按期',
      '超期',
      '用时中位数（工作日）',
      '用时90分位（工作日）',
    ]);
    expect(stages.table.rows).toEqual([['受理', '3', '1', '2.5', '—']]);
    expect(stages.chart.categories[0].bars.map((b) => b.text)).toEqual([
      '中位数 2.5 个工作日',
      '90分位 无数据',
    ]);
    expect(parties.table.rows).toEqual([['业务属地部门', '2', '1']]);
    expect(parties.chart.categories[0].bars.map((b) => b.text)).toEqual(['已超期 2 件', '预警 1 件']);
    expect(months.chart.categories[0].bars.map((b) => b.text)).toEqual(['代收外地 3 件', '被外地代收 0 件']);
    expect(windows.chart.categories[0]).toMatchObject({ label: '定海区行政服务中心（4 件评价）' });
    expect(windows.chart.categories[0].bars[0].text).toBe('满意率 75%');
    expect(jurisdictions.chart.categories[0].bars[0].text).toBe('满意率 无数据');
  });

  it('links every table to its CSV for the same period, the uncharted ones in a list', () => {
    expect(page.sections[1].table.csvHref).toBe(
      '/console/staff/statistics/late-clocks-by-party.csv?from=2026-11-01',
    );
    expect(page.downloads.map((d) => d.href)).toContain(
      '/console/staff/statistics/unsatisfied.csv?from=2026-11-01',
    );
    expect(page.downloads).toHaveLength(6);
  });
});
