import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { caseNotFound } from '@app/cases';
import { isCode } from '../../http/codes';
import { ReceiptGuessingLimit } from '../../http/throttle';
import { COOKIES, cookieOptions, signedCookie } from '../http/console-cookies';
import { ConsolePages } from '../http/console-pages.decorator';
import { readForm } from '../http/form';
import { Pages } from '../http/pages';
import { ConsoleQueries } from '../view-models/console-queries';

/** Where the applicant's pages live; the case cookie is sent to these only. */
const TRACK_PATH = '/console/track';

/** A query code: six digits, as the receipt prints it. */
const QUERY_CODE = /^\d{6}$/;

/**
 * 办件进度查询: the applicant's room, on a phone, without JavaScript. The applicant opens a case with
 * the receipt's case number and query code (a form: GET shows it, POST opens the case into a signed,
 * httpOnly, SameSite=Strict cookie for `/console/track` only) and reads its page. Wrong codes are
 * limited as on the JSON api (ReceiptGuessingLimit, per case and per client, and the per-client
 * throttle); a wrong code and an unknown case look the same.
 */
@ConsolePages()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ perUsername: true })
@Controller('console/track')
export class ApplicantController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: ConsoleQueries,
  ) {}

  /** The form: case number (filled in from `?caseNumber=` when well formed, e.g. from a QR code) and query code. */
  @Get()
  form(@Query('caseNumber') caseNumber: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const given = typeof caseNumber === 'string' && isCode('caseNumber', caseNumber) ? caseNumber : '';
    return this.pages.render(request, reply, 'applicant/sign-in', {
      title: '办件进度查询',
      values: { caseNumber: given },
    });
  }

  /**
   * Opens the case: checks the code (the same check as GET /api/v1/track), keeps number and code in
   * the case cookie and goes to the case's page (303).
   * @throws NotFound a malformed or wrong number or code (the form again, the try counted)
   * @throws InvalidInput a field left empty (the form again)
   */
  @Post()
  @UseInterceptors(ReceiptGuessingLimit)
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
   * The case's page: state and next step, the steps with their departments, the waybills, the
   * applicant masked. Without the case cookie for this case number, the form (303) with it filled in.
   * @throws NotFound the code kept in the cookie no longer opens the case
   */
  @Get(':caseNumber')
  @UseInterceptors(ReceiptGuessingLimit)
  async page(
    @Param('caseNumber') caseNumber: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const [opened, code] = (signedCookie(request, COOKIES.applicantCase) ?? '').split(':');
    if (opened !== caseNumber || !code || !isCode('caseNumber', caseNumber)) {
      const number = isCode('caseNumber', caseNumber) ? `?caseNumber=${caseNumber}` : '';
      return reply.code(303).redirect(`${TRACK_PATH}${number}`);
    }
    const page = await this.queries.applicantCase(caseNumber, code);
    return this.pages.render(request, reply, 'applicant/case', { title: `办件进度 ${caseNumber}`, ...page });
  }
}
