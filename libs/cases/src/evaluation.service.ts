import { Injectable } from '@nestjs/common';
import { assertMay, Conflict, PiiCipher } from '@app/common';
import type { EvaluationFacts } from '@app/db';
import { stateHasTag } from '@app/workflow';
import { applicantActor } from './actor';
import { caseNotFound } from './case-errors';
import { CaseWriter } from './case-writer';
import type { IdempotencyRequest } from './idempotency';
import { evaluationView, type SideGrades } from './evaluation-grades';
import { ClockKeeper } from './clocks/clock-keeper';
import { startRectificationClocks } from './clocks/rectification';
import { openReceipt } from './receipt';

/**
 * Records the applicant's service evaluation (好差评): once per case, after the result is
 * delivered, the receiving window's service and the home jurisdiction's each graded, through the write path (CaseWriter): the `evaluations` row and an `EVALUATED` row of
 * the case's history, in one transaction with the case locked; a side graded 差评 gets its
 * rectification clock (整改时限) in the same transaction (startRectificationClocks).
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly writer: CaseWriter,
    private readonly pii: PiiCipher,
    private readonly clocks: ClockKeeper,
  ) {}

  /**
   * Evaluates case `caseNumber` as its applicant (`applicantActor`, policy `evaluate`), the
   * receipt's `queryCode` opening it, with each side's grade (`grades`) and an optional comment.
   * @throws NotFound unknown case number or wrong query code (one answer for both)
   * @throws Conflict (409) the result is not delivered yet, or the case is already evaluated
   * @throws RequestMismatch (422) the Idempotency-Key was used with another request
   */
  async evaluate(
    caseNumber: string,
    queryCode: string,
    grades: SideGrades,
    comment?: string,
    idempotency?: IdempotencyRequest,
  ) {
    return this.writer.write(async (tx) => {
      const app = await openReceipt(tx, this.pii, caseNumber, queryCode, true);
      const applicant = applicantActor(app);
      assertMay(applicant, 'evaluate');
      if (!stateHasTag(app.state, 'evaluationOpen')) {
        throw new Conflict('evaluation_not_open', 'a case can be evaluated once its result is delivered', {
          state: app.state,
        });
      }
      const [evaluated] = await tx.cases.evaluationsOf([app.id]);
      if (evaluated) throw new Conflict('already_evaluated', 'this case has already been evaluated');
      const row = await tx.cases.addEvaluation(app.id, grades, comment ?? null);
      const head = await tx.cases.loadCase(app.id, applicant.scope);
      if (!head) throw caseNotFound();
      const facts: EvaluationFacts = {
        windowGrade: row.windowGrade,
        jurisdictionGrade: row.jurisdictionGrade,
        comment: row.comment,
      };
      await tx.append(head, {
        type: 'EVALUATED',
        toState: head.state,
        payload: { ...facts },
        actor: { role: applicant.role, id: applicant.id },
        occurredAt: row.createdAt,
      });
      await startRectificationClocks(tx.m, this.clocks, app.id, grades, row.createdAt);
      return { caseNumber, ...evaluationView(row), createdAt: row.createdAt };
    }, idempotency);
  }
}
