import {
  EVALUATION_GRADES,
  UNSATISFIED_GRADES,
  type EvaluationGrade,
  type RatedSide,
} from '../evaluation-grades';
import type { ClockState } from './clock-statistics.repository';
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
   * The rectification clock (整改时限) this 差评 opened (issue 12 item 3: RECTIFICATION_WORKING_DAYS,
   * default 15 statutory working days), charged to the side rated; null for a 差评 given before
   * the clocks existed.
   */
  rectification: Rectification | null;
}

/** A rectification clock as supervision reads it. Working days are statutory working days. */
export interface Rectification {
  /** running, warned (80 % used), overdue, paused; or how it ended: met, late (put right after the due moment), withdrawn. */
  state: ClockState;
  /** The due working day (YYYY-MM-DD, Beijing time) and the due moment (its end); null while paused. */
  dueDate: string | null;
  dueAt: Date | null;
  /** Computed on a provisional calendar year: may move when the official arrangement is entered. */
  provisional: boolean;
  /** While counting: working days left, today counted when it works (negative: late by so many); else null. */
  workingDaysLeft: number | null;
  /** Once put right: working days it took; else null. */
  usedWorkingDays: number | null;
  /** When the side reported it put right (POST /applications/:id/rectification); null until then. */
  rectifiedAt: Date | null;
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

/**
 * Each 差评 side of the evaluations `rows`, in their order, the window's before the jurisdiction's,
 * with its rectification clock (`rectificationOf`: by case number and side, null when none).
 */
export function unsatisfiedRatings(
  rows: UnsatisfiedRow[],
  rectificationOf: (caseNumber: string, side: RatedSide) => Rectification | null = () => null,
): UnsatisfiedRating[] {
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
        rectification: rectificationOf(row.caseNumber, side),
      }));
  });
}
