import { Body, Controller, Get, Post, Query, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Conflict, InvalidInput, type FieldProblem } from '@app/common';
import { applicantActor, CaseService, caseNotFound, EvaluationService } from '@app/cases';
import { isCode } from '../../http/codes';
import { ReceiptGuessingLimit } from '../../http/throttle';
import { COOKIES, cookieOptions } from '../http/console-cookies';
import { ConsolePages } from '../http/console-pages.decorator';
import { OpenedCase, TRACK_PATH } from '../http/opened-case';
import { readForm } from '../http/form';
import { Pages } from '../http/pages';
import {
  evaluationValues,
  GRADE_CHOICES,
  NO_EVALUATION,
  RATED_SIDES,
  readEvaluation,
  readWithdrawal,
  type EvaluationValues,
} from '../view-models/applicant-forms';
import type { ApplicantCasePage } from '../view-models/applicant-case';
import { ConsoleQueries } from '../view-models/console-queries';

/** A query code: six digits, as the receipt prints it. */
const QUERY_CODE = /^\d{6}$/;

/** What a refused form says on the page: a sentence and the fields it names (each shown beside its field). */
interface Refusal {
  message: string;
  fields: FieldProblem[];
}

/** What the case page may show besides the case: a refusal (made from the page: it may name the state) and the evaluation form's values to keep. */
interface CasePageExtras {
  error?: (page: ApplicantCasePage) => Refusal;
  values?: EvaluationValues;
}

/** A refusal that names no field. */
const saying = (message: string) => (): Refusal => ({ message, fields: [] });

/** The refusal of an InvalidInput: the fields it names. */
const refusalOf = (e: InvalidInput): Refusal => ({
  message: '请检查填写的内容。',
  fields: (e.details as FieldProblem[]) ?? [],
});

/** What a refused evaluation says, by the Conflict's reason (EvaluationService). */
const EVALUATION_CONFLICTS: Readonly<Record<string, string>> = {
  already_evaluated: '本案件已经评价过，每件只能评价一次。',
  evaluation_not_open: '办理结果送达后才能评价。',
};

/**
 * 办件进度查询: the applicant's room, on a phone, without JavaScript. The applicant opens a case with
 * the receipt's case number and query code (a form: GET shows it, POST opens the case into a signed,
 * httpOnly, SameSite=Strict cookie for `/console/track` only) and reads its page. Wrong codes are
 * limited as on the JSON api (ReceiptGuessingLimit on every route that names a case, per case and
 * per client, and the per-client throttle); a wrong code and an unknown case look the same. With
 * the case open: 好差评 and 撤回申请 (with a confirmation page), through the api's own services.
 */
@ConsolePages()
@UseGuards(ThrottlerGuard)
@UseInterceptors(ReceiptGuessingLimit)
@SkipThrottle({ perUsername: true })
@Controller('console/track')
export class ApplicantController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: ConsoleQueries,
    private readonly evaluations: EvaluationService,
    private readonly cases: CaseService,
  ) {}

  /** The form: case number (filled in from `?caseNumber=` when well formed, e.g. from a QR code) and query code. */
  @Get()
  form(@Query('caseNumber') caseNumber: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const given = typeof caseNumber === 'string' && isCode('caseNumber', caseNumber) ? caseNumber : '';
    return this.pages.render(request, reply, 'applicant/sign-in', {
      title: '办件进度查询',
      values: { caseNumber: given },
      // A text-size change comes back with the case number still filled in.
      back: given ? `${TRACK_PATH}?caseNumber=${given}` : undefined,
    });
  }

  /**
   * Opens the case: checks the code (the same check as GET /api/v1/track), keeps number and code in
   * the case cookie and goes to the case's page (303).
   * @throws NotFound a malformed or wrong number or code (the form again, the try counted)
   * @throws InvalidInput a field left empty (the form again)
   */
  @Post()
  async open(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { caseNumber, code } = readForm(body, [
      { name: 'caseNumber', label: '案件编号', maxChars: 40 },
      { name: 'code', label: '查询码', maxChars: 12 },
    ]);
    if (!isCode('caseNumber', caseNumber) || !QUERY_CODE.test(code)) throw caseNotFound();
    await this.queries.openReceipt(caseNumber, code);
    void reply.setCookie(COOKIES.applicantCase, `${caseNumber}:${code}`, {
      ...cookieOptions(request, TRACK_PATH),
      signed: true,
    });
    return reply.code(303).redirect(`${TRACK_PATH}/${caseNumber}`);
  }

  /** Closes the case in this browser (the case cookie is cleared) and shows the form again (303). */
  @Post('sign-out')
  signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    void reply.clearCookie(COOKIES.applicantCase, cookieOptions(request, TRACK_PATH));
    return reply.code(303).redirect(TRACK_PATH);
  }

  /**
   * The case's page: state and next step, what a supplement asks for and by when, the steps done
   * with their departments and the steps to come with their due days, the waybills, the applicant
   * masked; the evaluation given, or its form while one may be given; the way to withdraw while the
   * machine allows it. Without the case cookie for this case number, the form (303) with it filled in.
   * @throws NotFound the code kept in the cookie no longer opens the case
   */
  @Get(':caseNumber')
  page(@OpenedCase() opened: OpenedCase, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.casePage(request, reply, opened);
  }

  /**
   * 好差评: grades the window's and the home jurisdiction's service (EvaluationService, as POST
   * /api/v1/track/:caseNumber/evaluation), then the case page (303), which shows it and no form.
   * Refused on the case page, the values kept: a side ungraded or a 差评 without its reason (400,
   * each beside its field); already evaluated, or the result not delivered yet (409).
   * @throws NotFound the code kept in the cookie no longer opens the case
   */
  @Post(':caseNumber/evaluation')
  async evaluate(
    @OpenedCase() opened: OpenedCase,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { caseNumber, code } = opened;
    const values = evaluationValues(body);
    try {
      const { grades, comment } = readEvaluation(body);
      await this.evaluations.evaluate(caseNumber, code, grades, comment);
    } catch (e) {
      if (e instanceof InvalidInput) {
        const error = () => refusalOf(e);
        return this.casePage(request, reply, opened, { error, values }, 400);
      }
      if (e instanceof Conflict) {
        const message = EVALUATION_CONFLICTS[String(e.reason)] ?? '案件当前状态不能评价。';
        return this.casePage(request, reply, opened, { error: saying(message) }, 409);
      }
      throw e;
    }
    return reply.code(303).redirect(`${TRACK_PATH}/${caseNumber}#evaluation`);
  }

  /**
   * 撤回申请, first page: the reason. Only while the machine lets the applicant withdraw; otherwise
   * the case page (303), which says the state.
   * @throws NotFound the code kept in the cookie no longer opens the case
   */
  @Get(':caseNumber/withdraw')
  async withdrawForm(
    @OpenedCase() { caseNumber, code }: OpenedCase,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = await this.queries.applicantCase(caseNumber, code);
    if (!page.canWithdraw) return reply.code(303).redirect(`${TRACK_PATH}/${caseNumber}`);
    return this.pages.render(request, reply, 'applicant/withdraw', {
      title: `撤回申请 ${caseNumber}`,
      ...page,
      values: { reason: '' },
    });
  }

  /** Answers with `template` over the page of the `opened` case, titled `title` and the case number, with `data`. */
  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    { caseNumber, code }: OpenedCase,
    [template, title]: [string, string],
    data: (page: ApplicantCasePage) => Record<string, unknown>,
    status = 200,
  ) {
    const page = await this.queries.applicantCase(caseNumber, code);
    const frame = { title: `${title} ${caseNumber}`, ...page, ...data(page) };
    return this.pages.render(request, reply, template, frame, status);
  }

  /**
   * 撤回申请, posted twice: with the reason it shows the confirmation page (nothing done yet); with
   * `confirm=yes` as well it withdraws (CaseService.apply WITHDRAW as the applicant, as POST
   * /api/v1/track/:caseNumber/withdraw, with the version the page was rendered with) and shows the
   * case page (303). A reason missing shows the first page again (400, beside the field); a case
   * that changed meanwhile or may no longer be withdrawn is not withdrawn: the case page names its
   * state (409).
   * @throws NotFound the code kept in the cookie no longer opens the case
   */
  @Post(':caseNumber/withdraw')
  async withdraw(
    @OpenedCase() opened: OpenedCase,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { caseNumber, code } = opened;
    let form;
    try {
      form = readWithdrawal(body);
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      const reason = (body as Record<string, unknown> | null)?.reason;
      const values = { reason: typeof reason === 'string' ? reason : '' };
      const again = () => ({ error: refusalOf(e), values });
      return this.render(request, reply, opened, ['applicant/withdraw', '撤回申请'], again, 400);
    }
    if (!form.confirmed) {
      const { reason, version } = form;
      const confirm = () => ({ reason, version });
      return this.render(request, reply, opened, ['applicant/withdraw-confirm', '确认撤回'], confirm);
    }
    const id = await this.queries.openReceipt(caseNumber, code);
    try {
      await this.cases.apply(
        id,
        { type: 'WITHDRAW', reason: form.reason },
        applicantActor({ id, caseNumber }),
        { expectedVersion: form.version },
      );
    } catch (e) {
      if (!(e instanceof Conflict)) throw e;
      const error = (page: ApplicantCasePage) => ({
        message: `案件在您打开页面后已有变化，现在的状态是“${page.view.stateLabel}”，未予撤回。${page.canWithdraw ? '如仍要撤回，请重新提交。' : ''}`,
        fields: [],
      });
      return this.casePage(request, reply, opened, { error }, 409);
    }
    return reply.code(303).redirect(`${TRACK_PATH}/${caseNumber}`);
  }

  /** Answers with the case page of the `opened` case, with `extras`, in `status`. */
  private casePage(
    request: FastifyRequest,
    reply: FastifyReply,
    opened: OpenedCase,
    extras: CasePageExtras = {},
    status = 200,
  ) {
    const form = (page: ApplicantCasePage) => ({
      sides: RATED_SIDES,
      grades: GRADE_CHOICES,
      values: extras.values ?? NO_EVALUATION,
      error: extras.error?.(page) ?? null,
    });
    return this.render(request, reply, opened, ['applicant/case', '办件进度'], form, status);
  }
}
