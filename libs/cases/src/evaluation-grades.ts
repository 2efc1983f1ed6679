/** 好差评: the grades, the sides of a proxy case they rate, and how a given evaluation reads. */

/** The five grades of 好差评, best first, with the words the applicant sees. */
export const EVALUATION_GRADES = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
} as const;

export type EvaluationGrade = keyof typeof EVALUATION_GRADES;

/** The grades that make a 差评 (an unsatisfied evaluation): 不满意 and 非常不满意. */
export const UNSATISFIED_GRADES: readonly EvaluationGrade[] = ['dissatisfied', 'very_dissatisfied'];

/** The two parties of a proxy case the applicant rates: the receiving window and the home jurisdiction. */
export type RatedSide = 'window' | 'jurisdiction';

/** What the applicant gave each side, one of the five grades each (none pre-selected). */
export type SideGrades = Record<RatedSide, EvaluationGrade>;

/** A grade with the words the applicant sees. */
const labelled = (grade: string) => ({ grade, label: EVALUATION_GRADES[grade as EvaluationGrade] ?? grade });

/**
 * An evaluation as applicant and staff read it: each side's grade with its words, the comment.
 * `row`: the `evaluations` row (windowGrade, jurisdictionGrade, comment).
 */
export function evaluationView(row: {
  windowGrade: string;
  jurisdictionGrade: string;
  comment: string | null;
}) {
  return {
    window: labelled(row.windowGrade),
    jurisdiction: labelled(row.jurisdictionGrade),
    comment: row.comment,
  };
}

/**
 * Whether an evaluation with `grades` needs a reason: when a side is graded 差评 (UNSATISFIED_GRADES),
 * so that the rectification it starts (整改, 国办发〔2019〕51号) knows what to put right. No other
 * grade asks anything more. A side not graded yet counts as not unsatisfied.
 */
export function reasonRequired(grades: Partial<SideGrades>): boolean {
  return Object.values(grades).some((grade) => grade !== undefined && UNSATISFIED_GRADES.includes(grade));
}
