import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CaseQueryService, INBOX_STATES, invalidField, type Actor, type CasePage } from '@app/cases';
import { CurrentActor } from '../http/actor.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { optionalCode } from '../http/codes';
import { paging } from '../http/paging';

/**
 * The home jurisdiction's inbox: forwarded cases that have arrived, and its cases in hand. An
 * officer sees their own jurisdiction's; a supervisor those of the jurisdictions in their division.
 */
@ApiTags('inbox')
@ApiBearerAuth()
@ApiErrors(400, 401, 403)
@Controller('inbox')
export class InboxController {
  constructor(private readonly queries: CaseQueryService) {}

  @Get()
  @ApiOperation({
    summary: 'Cases awaiting acceptance or in hand at a home jurisdiction, longest waiting first',
  })
  @ApiQuery({ name: 'jurisdiction', required: false, example: 'J310115-SFJ' })
  @ApiQuery({ name: 'state', required: false, enum: INBOX_STATES })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'pageSize', required: false, example: 50 })
  inbox(
    @CurrentActor() actor: Actor,
    @Query('jurisdiction') jurisdiction?: string,
    @Query('state') state?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ): Promise<CasePage> {
    if (state !== undefined && !(INBOX_STATES as readonly string[]).includes(state)) {
      throw invalidField('state', `must be one of ${INBOX_STATES.join(', ')}`);
    }
    return this.queries.listCases(
      {
        jurisdictionCode: optionalCode('jurisdiction', 'jurisdiction', jurisdiction),
        states: state ? [state] : INBOX_STATES,
        ...paging(page, pageSize),
      },
      actor,
    );
  }
}
