import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Conflict, PiiCipher } from '@app/common';
import { EvaluationEntity } from '@app/db';
import { stateHasTag } from '@app/workflow';
import { openReceipt } from './receipt';
import { once, type IdempotencyRequest } from './idempotency';

/** The five grades of 好差评, best first, with the words the applicant sees. */
export const EVALUATION_GRADES = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
} as const;

export type EvaluationGrade = keyof typeof EVALUATION_GRADES;

/** Records the applicant's service evaluation (好差评): once per case, after the result is delivered. */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
  ) {}

  /**
   * @throws NotFound unknown case number or wrong query code (one answer for both)
   * @throws Conflict (409) the result is not delivered yet, or the case is already evaluated
   * @throws RequestMismatch (422) the Idempotency-Key was used with another request
   */
  async evaluate(
    caseNumber: string,
    queryCode: string,
    grade: EvaluationGrade,
    comment?: string,
    idempotency?: IdempotencyRequest,
  ) {
    return this.dataSource.transaction((m) =>
      once(m, idempotency, async () => {
        const app = await openReceipt(m, this.pii, caseNumber, queryCode, true);
        if (!stateHasTag(app.state, 'evaluationOpen')) {
          throw new Conflict('evaluation_not_open', 'a case can be evaluated once its result is delivered', {
            state: app.state,
          });
        }
        if (await m.existsBy(EvaluationEntity, { applicationId: app.id })) {
          throw new Conflict('already_evaluated', 'this case has already been evaluated');
        }
        const row = m.create(EvaluationEntity, { applicationId: app.id, grade, comment: comment ?? null });
        await m.insert(EvaluationEntity, row);
        return {
          caseNumber,
          grade,
          gradeLabel: EVALUATION_GRADES[grade],
          comment: row.comment,
          createdAt: row.createdAt,
        };
      }),
    );
  }
}
