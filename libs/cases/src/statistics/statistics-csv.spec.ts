import { parse } from 'csv-parse/sync';
import { NotFound } from '@app/common';
import { csvOf, STATISTICS_TABLES, statisticsTable } from './statistics-csv';
import type { CaseStatistics } from './statistics.service';

const STATS = {
  crossBorder: [{ month: '2026-11', count: 3, receivedForOthers: 2, receivedByOthers: 1 }],
  evaluations: {
    unsatisfied: [
      {
        caseNumber: '330921-20261101-000001',
        side: 'jurisdiction',
        partyCode: 'J310115-SFJ',
        partyName: '上海市浦东新区 市司法局',
        grade: 'dissatisfied',
        gradeLabel: '不满意',
        comment: '材料要求前后不一, "再次" 补正',
        evaluatedAt: new Date('2026-10-31T16:30:00Z'),
        rectification: {
          state: 'overdue',
          dueDate: '2026-11-20',
          dueAt: new Date('2026-11-20T15:59:59.999Z'),
          provisional: false,
          workingDaysLeft: -2,
          usedWorkingDays: null,
          rectifiedAt: null,
        },
      },
      {
        ...{ caseNumber: 'x', side: 'window', partyCode: 'W1', partyName: 'w', gradeLabel: '不满意' },
        comment: null,
        evaluatedAt: new Date(0),
        rectification: null,
      },
    ],
  },
} as unknown as CaseStatistics;

describe('statistics as CSV', () => {
  it('writes a BOM, the Chinese header row, CRLF lines', () => {
    const text = csvOf(statisticsTable('cross-border'), STATS);
    expect(text).toBe('\uFEFF月份,跨域办件数,本地窗口代收外地件,外地窗口代收本地件\r\n2026-11,3,2,1\r\n');
  });

  it('writes times in Beijing time, quotes what needs it, and leaves an absent comment empty', () => {
    const rows = parse(csvOf(statisticsTable('unsatisfied'), STATS), { bom: true });
    expect(rows[1]).toEqual([
      '330921-20261101-000001',
      '业务属地部门',
      'J310115-SFJ',
      '上海市浦东新区 市司法局',
      '不满意',
      '材料要求前后不一, "再次" 补正',
      '2026-11-01T00:30:00.000+08:00',
      '超期',
      '2026-11-20T23:59:59.999+08:00',
      '-2',
      '',
    ]);
    expect(rows[2][1]).toBe('收件窗口');
    expect(rows[2][5]).toBe('');
    // A 差评 given before the clocks: no rectification clock, empty cells.
    expect(rows[2].slice(7)).toEqual(['', '', '', '']);
  });

  it('names clock stages and parties in Chinese, and leaves a missing percentile empty', () => {
    const stats = {
      clocks: {
        byParty: [{ party: 'homeJurisdiction', overdue: 2, warned: 1 }],
        byStage: [{ stage: 'acceptance', met: 3, late: 1, medianWorkingDays: 2.5, p90WorkingDays: null }],
      },
    } as unknown as CaseStatistics;
    expect(parse(csvOf(statisticsTable('late-clocks-by-party'), stats), { bom: true })).toEqual([
      ['责任方', '超期', '预警'],
      ['业务属地部门', '2', '1'],
    ]);
    expect(parse(csvOf(statisticsTable('stage-durations'), stats), { bom: true })).toEqual([
      ['环节', '按期', '超期', '用时中位数（工作日）', '用时90分位（工作日）'],
      ['受理', '3', '1', '2.5', ''],
    ]);
  });

  it('knows each table by name, and nothing else (not even an inherited name)', () => {
    expect(Object.keys(STATISTICS_TABLES)).toHaveLength(11);
    for (const name of ['nonsense', 'toString', '__proto__', '']) {
      expect(() => statisticsTable(name)).toThrow(NotFound);
    }
  });
});
