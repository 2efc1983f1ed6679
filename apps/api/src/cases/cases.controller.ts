import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiExtraModels,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  AuditService,
  CaseQueryService,
  CaseService,
  DocumentViews,
  ReceiveCaseService,
  type Actor,
  type ApplyResult,
  type CasePage,
  type CaseView,
  type Receipt,
} from '@app/cases';
import { CurrentActor } from '../http/actor.decorator';
import { CaseId } from '../http/case-id.pipe';
import { ApiErrors } from '../http/api-errors.decorator';
import { IfMatch } from '../http/if-match.decorator';
import { IdempotencyKey, scoped, type IdempotencyKeyIn } from '../http/idempotency-key.decorator';
import { eventBodySchema, EVENT_DTOS, parseCaseEvent } from './dto/case-event.dto';
import { caseListQuery, CaseListQueryDto } from './dto/case-list-query.dto';
import { ApplyResultDto, ReceiptDto } from './dto/command-answers.dto';
import { CasePageDto } from './dto/case-page.dto';
import { ReceiveCaseDto } from './dto/receive-case.dto';
import { ApiPdfDocument, caseDocument, sendPdf } from '../documents/case-documents';
import { DocumentQueryDto } from '../documents/document-query.dto';

/** Window and home-jurisdiction work on cases: receive, send events, read. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiErrors(400, 401, 403, 404, 409, 413, 422)
@Controller('applications')
export class CasesController {
  constructor(
    private readonly receiving: ReceiveCaseService,
    private readonly cases: CaseService,
    private readonly queries: CaseQueryService,
    private readonly audit: AuditService,
    private readonly documents: DocumentViews,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: ReceiptDto })
  @ApiOperation({ summary: '收件: receive a case at a window (clerk)' })
  receive(
    @Body() dto: ReceiveCaseDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key?: IdempotencyKeyIn,
  ): Promise<Receipt> {
    return this.receiving.receive(dto, actor, scoped(actor.role, actor.id, key));
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplyResultDto })
  @ApiOperation({ summary: 'Send an event to the case; 409 with the allowed events when refused' })
  @ApiExtraModels(...EVENT_DTOS)
  @ApiBody({ schema: eventBodySchema(getSchemaPath) })
  send(
    @CaseId() id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @IfMatch() expectedVersion?: number,
    @IdempotencyKey() key?: IdempotencyKeyIn,
  ): Promise<ApplyResult> {
    return this.cases.apply(id, parseCaseEvent(body), actor, {
      expectedVersion,
      idempotency: scoped(actor.role, actor.id, key),
    });
  }

  @Get()
  @ApiOkResponse({ type: CasePageDto })
  @ApiOperation({
    summary:
      'Find cases within your window, jurisdiction or division: by window, jurisdiction, case number, state or ' +
      'clock state (paged); soonest due first, each row with its due moment (a clerk: the window’s clocks)',
  })
  find(@CurrentActor() actor: Actor, @Query() query: CaseListQueryDto): Promise<CasePage> {
    return this.queries.listCases(caseListQuery('cases', query), actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The case: state, events allowed for the caller, materials, transfers' })
  get(@CaseId() id: string, @CurrentActor() actor: Actor): Promise<CaseView> {
    return this.queries.getCase(id, actor);
  }

  @Get(':id/documents/:document.pdf')
  @ApiPdfDocument()
  @ApiOperation({
    summary:
      'A document of the case as PDF, for whoever may read the case: 收件回执 (with ?code= the query code printed, ' +
      'else masked), 一次性告知书, 不予受理通知书, 受理通知书; 409 naming the state when it does not apply yet',
  })
  async document(
    @CaseId() id: string,
    @Param('document') name: string,
    @Query() { code }: DocumentQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.documents.render(caseDocument(name), id, actor, code));
  }

  @Get(':id/history/verify')
  @ApiOperation({ summary: 'Verify the tamper-evident audit chain; names the first broken row' })
  verifyHistory(@CaseId() id: string, @CurrentActor() actor: Actor) {
    return this.audit.verifyCase(id, actor.scope);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The audit trail, oldest first' })
  history(@CaseId() id: string, @CurrentActor() actor: Actor) {
    return this.queries.history(id, actor);
  }
}
