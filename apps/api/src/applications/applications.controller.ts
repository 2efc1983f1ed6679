import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiHeader, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import {
  AuditService,
  CaseQueryService,
  CaseService,
  invalidField,
  ReceiveApplicationService,
  type Actor,
  type ApplyResult,
  type CaseView,
  type Receipt,
} from '@app/cases';
import { ActorHeaders, CurrentActor } from '../http/actor.decorator';
import { IfMatch } from '../http/if-match.decorator';
import { IdempotencyKey, scoped, type IdempotencyKeyIn } from '../http/idempotency-key.decorator';
import { EVENT_DTOS, parseCaseEvent } from './dto/case-event.dto';
import { ReceiveApplicationDto } from './dto/receive-application.dto';

const uuid = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () => invalidField('id', 'must be a case id (UUID v4)'),
});

/** Window and home-jurisdiction work on cases: receive, send events, read. */
@ApiTags('applications')
@ActorHeaders()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly receiving: ReceiveApplicationService,
    private readonly cases: CaseService,
    private readonly queries: CaseQueryService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @ApiOperation({ summary: '收件: receive an application at a window (clerk)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key gets the first answer',
  })
  receive(
    @Body() dto: ReceiveApplicationDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key?: IdempotencyKeyIn,
  ): Promise<Receipt> {
    return this.receiving.receive(dto, actor, scoped(`${actor.role}:${actor.id}`, key));
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send an event to the case; 409 with the allowed events when refused' })
  @ApiExtraModels(...EVENT_DTOS)
  @ApiBody({ schema: { oneOf: EVENT_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) } })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the case version the caller saw' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key gets the first answer',
  })
  send(
    @Param('id', uuid) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @IfMatch() expectedVersion?: number,
    @IdempotencyKey() key?: IdempotencyKeyIn,
  ): Promise<ApplyResult> {
    return this.cases.apply(id, parseCaseEvent(body, actor.role), actor, {
      expectedVersion,
      idempotency: scoped(`${actor.role}:${actor.id}`, key),
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'The case: state, events allowed for the caller, materials, transfers' })
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<CaseView> {
    return this.queries.getCase(id, actor.role);
  }

  @Get(':id/history/verify')
  @ApiOperation({ summary: 'Verify the tamper-evident audit chain; names the first broken row' })
  verifyHistory(@Param('id', uuid) id: string, @CurrentActor() _actor: Actor) {
    return this.audit.verifyCase(id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The audit trail, oldest first' })
  history(@Param('id', uuid) id: string, @CurrentActor() _actor: Actor) {
    return this.queries.history(id);
  }
}
