import {
  EVALUATION_GRADES,
  UNSATISFIED_GRADES,
  type EvaluationGrade,
  type RatedSide,
} from './evaluation-grades';
import type { GradeCounts, UnsatisfiedRow } from './statistics.repository';

/** A party's evaluations: `count` given, and per grade (every grade listed, zero when none). */
export type Graded<Party> = Party & { count: number; byGrade: Record<EvaluationGrade, number> };

/**
 * One side of one evaluation graded 差评 (不满意 or 非常不满意): the rated party is the receiving
 * window (`side: 'window'`) or the home jurisdiction (`'jurisdiction'`), by code and name.
 */
export interface UnsatisfiedRating {
  caseNumber: string;
  side: RatedSide;
  partyCode: string;
  partyName: string;
  grade: EvaluationGrade;
  gradeLabel: string;
  comment: string | null;
  evaluatedAt: Date;
  /**
   * The rectification clock (整改时限) this 差评 opens, with its due moment and state: issue 12 item 3
   * ("a 差评 opens a rectification clock", default 15 working days), added with the clocks; null until then.
   */
  rectification: null;
}

/** A grouped row of grade counts (columns named by grade) with the counts moved under `byGrade`. */
export function graded<Party extends object>(row: Party & GradeCounts): Graded<Party> {
  const byGrade = {} as Record<EvaluationGrade, number>;
  const party = { ...row } as Record<string, unknown>;
  for (const grade of Object.keys(EVALUATION_GRADES) as EvaluationGrade[]) {
    byGrade[grade] = row[grade] ?? 0;
    delete party[grade];
  }
  return { ...(party as Party), count: row.count, byGrade };
}

/** Each 差评 side of the evaluations `rows`, in their order, the window's before the jurisdiction's. */
export function unsatisfiedRatings(rows: UnsatisfiedRow[]): UnsatisfiedRating[] {
  return rows.flatMap((row) => {
    const sides: [RatedSide, EvaluationGrade, string, string][] = [
      ['window', row.windowGrade, row.windowCode, row.windowName],
      ['jurisdiction', row.jurisdictionGrade, row.jurisdictionCode, row.jurisdictionName],
    ];
    return sides
      .filter(([, grade]) => UNSATISFIED_GRADES.includes(grade))
      .map(([side, grade, partyCode, partyName]) => ({
        caseNumber: row.caseNumber,
        side,
        partyCode,
        partyName,
        grade,
        gradeLabel: EVALUATION_GRADES[grade],
        comment: row.comment,
        evaluatedAt: row.evaluatedAt,
        rectification: null,
      }));
  });
}
