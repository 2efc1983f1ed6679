import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  applicantActor,
  CaseQueryService,
  CaseService,
  caseNotFound,
  DocumentViews,
  EvaluationService,
  HandoverQueryService,
  type HandoverView,
  NoticeQueryService,
  type NoticeView,
  type TrackingView,
} from '@app/cases';
import { ApiPdfDocument, caseDocument, sendPdf } from '../documents/case-documents';
import { ApiErrors } from '../http/api-errors.decorator';
import { isCode } from '../http/codes';
import { IdempotencyKey, scoped, type IdempotencyKeyIn } from '../http/idempotency-key.decorator';
import { ApplicantWithdrawDto } from './applicant-withdraw.dto';
import { Public } from '../http/staff-auth.guard';
import { ReceiptGuessingLimit } from '../http/throttle';
import { NoticeViewDto } from '../notices/notices.controller';
import { HandoverViewDto, receiptIdOf, sendReceiptFile } from '../handovers/handovers.controller';
import { EvaluationDto, sideGrades } from './evaluation.dto';
import { ReceiptQueryDto } from './receipt-query.dto';
import { EvaluatedDto, TrackingViewDto } from './tracking-view.dto';

/**
 * A malformed number or code is answered like a wrong one: the same 404, so a guess learns nothing.
 * @throws NotFound
 */
function checkReceipt(caseNumber: string, code?: string): string {
  if (!isCode('caseNumber', caseNumber) || !code || !/^\d{6}$/.test(code)) throw caseNotFound();
  return code;
}

/** 进度查询, 撤回 and 好差评: the applicant, with the receipt's case number and query code. */
@ApiTags('tracking')
@ApiErrors(400, 404, 409, 422)
@ApiResponse({
  status: 429,
  description: 'too many tracking requests from this client, or too many wrong codes for this case from it',
})
@UseGuards(ThrottlerGuard)
@UseInterceptors(ReceiptGuessingLimit)
@SkipThrottle({ perUsername: true })
@Public()
@Controller('track')
export class TrackingController {
  constructor(
    private readonly queries: CaseQueryService,
    private readonly evaluations: EvaluationService,
    private readonly cases: CaseService,
    private readonly noticeQueries: NoticeQueryService,
    private readonly handovers: HandoverQueryService,
    private readonly documents: DocumentViews,
  ) {}

  @Get(':caseNumber')
  @ApiOkResponse({ type: TrackingViewDto })
  @ApiOperation({ summary: "The applicant's view: timeline, next step, notices, personal data masked" })
  track(@Param('caseNumber') caseNumber: string, @Query() { code }: ReceiptQueryDto): Promise<TrackingView> {
    return this.queries.track(caseNumber, checkReceipt(caseNumber, code));
  }

  @Get(':caseNumber/notices')
  @ApiOkResponse({ type: [NoticeViewDto] })
  @ApiOperation({
    summary: 'The SMS notices the applicant was sent about the case, oldest first, phone masked',
  })
  async notices(
    @Param('caseNumber') caseNumber: string,
    @Query() { code }: ReceiptQueryDto,
  ): Promise<NoticeView[]> {
    const id = await this.queries.idByReceipt(caseNumber, checkReceipt(caseNumber, code));
    return this.noticeQueries.toApplicant(id, applicantActor({ id, caseNumber }));
  }

  @Get(':caseNumber/handovers')
  @ApiOkResponse({ type: [HandoverViewDto] })
  @ApiOperation({
    summary: "The signed hand-over receipts of the applicant's case, in the order they were signed",
  })
  async handoverList(
    @Param('caseNumber') caseNumber: string,
    @Query() { code }: ReceiptQueryDto,
  ): Promise<HandoverView[]> {
    const id = await this.queries.idByReceipt(caseNumber, checkReceipt(caseNumber, code));
    return this.handovers.toApplicant(id, applicantActor({ id, caseNumber }));
  }

  @Get(':caseNumber/handovers/:receiptId')
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'the receipt file, for `verify-receipt <file>`', schema: { type: 'object' } })
  @ApiOperation({
    summary: "One signed hand-over receipt of the applicant's case, as a file (<receipt id>.json)",
  })
  async handoverReceipt(
    @Param('caseNumber') caseNumber: string,
    @Param('receiptId') receiptId: string,
    @Query() { code }: ReceiptQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const id = await this.queries.idByReceipt(caseNumber, checkReceipt(caseNumber, code));
    const file = await this.handovers.fileToApplicant(
      id,
      receiptIdOf(receiptId),
      applicantActor({ id, caseNumber }),
    );
    return sendReceiptFile(reply, file);
  }

  @Get(':caseNumber/documents/:document.pdf')
  @ApiPdfDocument()
  @ApiOperation({
    summary:
      "The applicant's documents as PDF: 收件回执 (the query code printed), 一次性告知书, 不予受理通知书, 受理通知书; " +
      'name masked as in tracking; 409 naming the state when one does not apply yet',
  })
  async document(
    @Param('caseNumber') caseNumber: string,
    @Param('document') name: string,
    @Query() { code }: ReceiptQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const queryCode = checkReceipt(caseNumber, code);
    const document = caseDocument(name);
    const id = await this.queries.idByReceipt(caseNumber, queryCode);
    const rendered = await this.documents.render(document, id, applicantActor({ id, caseNumber }), queryCode);
    return sendPdf(reply, rendered);
  }

  @Post(':caseNumber/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: TrackingViewDto })
  @ApiOperation({ summary: '撤回: withdraw before the decision (409 afterwards); answers the tracking view' })
  async withdraw(
    @Param('caseNumber') caseNumber: string,
    @Body() dto: ApplicantWithdrawDto,
    @Query() { code }: ReceiptQueryDto,
    @IdempotencyKey() key?: IdempotencyKeyIn,
  ): Promise<TrackingView> {
    const queryCode = checkReceipt(caseNumber, code);
    const id = await this.queries.idByReceipt(caseNumber, queryCode);
    await this.cases.apply(id, { type: 'WITHDRAW', reason: dto.reason }, applicantActor({ id, caseNumber }), {
      idempotency: scoped('applicant', caseNumber, key),
    });
    return this.queries.track(caseNumber, queryCode);
  }

  @Post(':caseNumber/evaluation')
  @ApiCreatedResponse({ type: EvaluatedDto })
  @ApiOperation({
    summary:
      "Rate the receiving window's and the home jurisdiction's service once the result is delivered " +
      '(409 before, and the second time)',
  })
  evaluate(
    @Param('caseNumber') caseNumber: string,
    @Body() dto: EvaluationDto,
    @Query() { code }: ReceiptQueryDto,
    @IdempotencyKey() key?: IdempotencyKeyIn,
  ) {
    const queryCode = checkReceipt(caseNumber, code);
    const idempotency = scoped('applicant', caseNumber, key);
    return this.evaluations.evaluate(caseNumber, queryCode, sideGrades(dto), dto.comment, idempotency);
  }
}
