import { graded, unsatisfiedRatings } from './satisfaction';
import type { UnsatisfiedRow } from './statistics.repository';

const ROW: UnsatisfiedRow = {
  caseNumber: '330921-20261101-000001',
  windowCode: 'W330921',
  windowName: '岱山县行政服务中心',
  jurisdictionCode: 'J310115-SFJ',
  jurisdictionName: '上海市浦东新区 市司法局',
  windowGrade: 'satisfied',
  jurisdictionGrade: 'very_dissatisfied',
  comment: '补正告知前后不一',
  evaluatedAt: new Date('2026-11-02T01:00:00Z'),
};

describe('satisfaction', () => {
  it('moves the grade columns under byGrade, every grade kept', () => {
    const row = {
      windowCode: 'W330921',
      count: 3,
      very_satisfied: 1,
      satisfied: 0,
      basically_satisfied: 0,
      dissatisfied: 2,
      very_dissatisfied: 0,
    };
    expect(graded(row)).toEqual({
      windowCode: 'W330921',
      count: 3,
      byGrade: {
        very_satisfied: 1,
        satisfied: 0,
        basically_satisfied: 0,
        dissatisfied: 2,
        very_dissatisfied: 0,
      },
    });
  });

  it('lists each side graded 差评 on its own, naming the party rated, the window first', () => {
    const both = { ...ROW, windowGrade: 'dissatisfied' as const };
    expect(
      unsatisfiedRatings([ROW, both]).map((r) => [r.caseNumber, r.side, r.partyCode, r.gradeLabel]),
    ).toEqual([
      [ROW.caseNumber, 'jurisdiction', 'J310115-SFJ', '非常不满意'],
      [ROW.caseNumber, 'window', 'W330921', '不满意'],
      [ROW.caseNumber, 'jurisdiction', 'J310115-SFJ', '非常不满意'],
    ]);
    expect(unsatisfiedRatings([ROW])[0]).toMatchObject({
      partyName: '上海市浦东新区 市司法局',
      comment: '补正告知前后不一',
      evaluatedAt: ROW.evaluatedAt,
      rectification: null,
    });
  });

  it('lists nothing for an evaluation of 基本满意 or better on both sides', () => {
    expect(unsatisfiedRatings([{ ...ROW, jurisdictionGrade: 'basically_satisfied' }])).toEqual([]);
  });
});
