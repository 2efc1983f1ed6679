import { InvalidInput, type FieldProblem } from '@app/common';
import {
  EVALUATION_GRADES,
  reasonRequired,
  type EvaluationGrade,
  type RatedSide,
  type SideGrades,
} from '@app/cases';
import { isPlainText } from '../../http/plain-text.validator';
import { readForm } from '../http/form';

/** Longest reason (评价理由, 撤回理由) in characters: the JSON api's limit (PlainText(500)). */
export const REASON_MAX_CHARS = 500;

/** The two sides the applicant grades, as the evaluation form names (`field`) and words (`label`) them. */
export const RATED_SIDES: readonly { side: RatedSide; field: string; label: string }[] = [
  { side: 'window', field: 'windowGrade', label: '收件窗口的服务' },
  { side: 'jurisdiction', field: 'jurisdictionGrade', label: '业务属地部门的服务' },
];

/** The five grades as radio buttons offer them, best first (非常满意 … 非常不满意); none is pre-selected. */
export const GRADE_CHOICES = Object.entries(EVALUATION_GRADES).map(([value, label]) => ({ value, label }));

/** What the evaluation form held when posted, given back to it after a refusal (every field a string). */
export interface EvaluationValues {
  windowGrade: string;
  jurisdictionGrade: string;
  comment: string;
}

/** A valid evaluation form: each side's grade and the reason (undefined when left empty). */
export interface EvaluationForm {
  grades: SideGrades;
  comment?: string;
}

/** A withdrawal form: the reason, the case version the page showed, and whether the applicant confirmed it. */
export interface WithdrawalForm {
  reason: string;
  version: number;
  confirmed: boolean;
}

/** An empty evaluation form: nothing chosen. */
export const NO_EVALUATION: EvaluationValues = { windowGrade: '', jurisdictionGrade: '', comment: '' };

const text = (body: unknown, name: string): string => {
  const value = ((body ?? {}) as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
};

/**
 * A reason as stored: line breaks of a textarea (and the spaces around them) become one space, ends
 * trimmed, since free text on the case is one line (PlainText refuses control characters).
 */
export function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The problem with reason `value` of form field `field`, or null: too long, or characters that cannot be kept. */
function reasonProblem(field: string, label: string, value: string): FieldProblem | null {
  if ([...value].length > REASON_MAX_CHARS)
    return { field, message: `${label}不能超过 ${REASON_MAX_CHARS} 个字` };
  if (!isPlainText(value)) return { field, message: `${label}须有文字，且不能含控制字符或文字方向符` };
  return null;
}

/** The evaluation form's fields as posted, for showing them again. */
export function evaluationValues(body: unknown): EvaluationValues {
  return {
    windowGrade: text(body, 'windowGrade'),
    jurisdictionGrade: text(body, 'jurisdictionGrade'),
    comment: text(body, 'comment'),
  };
}

/**
 * The evaluation posted in `body`: a grade for each side (one of EVALUATION_GRADES, nothing
 * assumed) and the reason, required when a side is graded 不满意 or 非常不满意 (`reasonRequired`),
 * optional otherwise.
 * @throws InvalidInput (400) naming, in Chinese, each side left ungraded (or with an unknown grade)
 *   and the reason when it is missing, too long, or not plain text
 */
export function readEvaluation(body: unknown): EvaluationForm {
  const posted = evaluationValues(body);
  const problems: FieldProblem[] = [];
  const grades: Partial<SideGrades> = {};
  for (const { side, field, label } of RATED_SIDES) {
    const grade = posted[field as keyof EvaluationValues];
    if (grade in EVALUATION_GRADES) grades[side] = grade as EvaluationGrade;
    else problems.push({ field, message: `请为${label}选择一项评价` });
  }
  const comment = oneLine(posted.comment);
  if (!comment && reasonRequired(grades)) {
    problems.push({ field: 'comment', message: '选择“不满意”或“非常不满意”时，请填写理由' });
  } else if (comment) {
    const problem = reasonProblem('comment', '理由', comment);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new InvalidInput('the evaluation form is incomplete', problems);
  return { grades: grades as SideGrades, comment: comment || undefined };
}

/**
 * The withdrawal posted in `body`: the reason (required), the case version the page was rendered
 * with (hidden field `version`), and `confirm=yes` once the applicant confirmed on the second page.
 * @throws InvalidInput (400) the reason missing, too long or not plain text, or no version (a
 *   page not of this console)
 */
export function readWithdrawal(body: unknown): WithdrawalForm {
  const version = Number(text(body, 'version'));
  const problems: FieldProblem[] = [];
  let reason = '';
  try {
    reason = oneLine(
      readForm(body, [{ name: 'reason', label: '撤回理由', maxChars: REASON_MAX_CHARS }]).reason,
    );
    const problem = reasonProblem('reason', '撤回理由', reason);
    if (problem) problems.push(problem);
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e;
    problems.push(...(e.details as FieldProblem[]));
  }
  if (!Number.isSafeInteger(version) || version < 0 || text(body, 'version') === '') {
    problems.push({ field: 'reason', message: '页面已过期，请重新打开办件进度后再撤回' });
  }
  if (problems.length > 0) throw new InvalidInput('the withdrawal form is incomplete', problems);
  return { reason, version, confirmed: text(body, 'confirm') === 'yes' };
}
