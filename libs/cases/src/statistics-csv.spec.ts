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
        rectification: null,
      },
      {
        ...{ caseNumber: 'x', side: 'window', partyCode: 'W1', partyName: 'w', gradeLabel: '不满意' },
        comment: null,
        evaluatedAt: new Date(0),
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
    ]);
    expect(rows[2][1]).toBe('收件窗口');
    expect(rows[2][5]).toBe('');
  });

  it('knows each table by name, and nothing else (not even an inherited name)', () => {
    expect(Object.keys(STATISTICS_TABLES)).toHaveLength(9);
    for (const name of ['nonsense', 'toString', '__proto__', '']) {
      expect(() => statisticsTable(name)).toThrow(NotFound);
    }
  });
});
