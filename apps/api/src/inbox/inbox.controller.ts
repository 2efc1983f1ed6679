import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CaseQueryService, INBOX_STATES, invalidField, type Actor, type InboxPage } from '@app/cases';
import { ActorHeaders, CurrentActor } from '../http/actor.decorator';

const MAX_PAGE_SIZE = 200;

/** A positive integer query parameter, or `fallback` when absent. @throws BadRequestException */
function positive(field: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw invalidField(field, `must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}

/** The home jurisdiction's inbox: forwarded cases that have arrived, and its cases in hand. */
@ApiTags('inbox')
@ActorHeaders()
@Controller('inbox')
export class InboxController {
  constructor(private readonly queries: CaseQueryService) {}

  @Get()
  @ApiOperation({
    summary: 'Cases awaiting acceptance or in hand at a home jurisdiction, longest waiting first',
  })
  @ApiQuery({ name: 'jurisdiction', example: 'J310115-SFJ' })
  @ApiQuery({ name: 'state', required: false, enum: INBOX_STATES })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'pageSize', required: false, example: 50 })
  inbox(
    @CurrentActor() _actor: Actor,
    @Query('jurisdiction') jurisdiction?: string,
    @Query('state') state?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ): Promise<InboxPage> {
    if (!jurisdiction || !/^J\d{6}-[A-Z]{2,8}$/.test(jurisdiction)) {
      throw invalidField('jurisdiction', 'must be a home jurisdiction code like J310115-SFJ');
    }
    if (state !== undefined && !(INBOX_STATES as readonly string[]).includes(state)) {
      throw invalidField('state', `must be one of ${INBOX_STATES.join(', ')}`);
    }
    return this.queries.inbox(jurisdiction, {
      state: state as (typeof INBOX_STATES)[number] | undefined,
      page: positive('page', page, 1, 100_000),
      pageSize: positive('pageSize', pageSize, 50, MAX_PAGE_SIZE),
    });
  }
}
