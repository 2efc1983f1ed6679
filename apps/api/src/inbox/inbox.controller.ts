import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseQueryService, INBOX_STATES, type Actor, type CasePage } from '@app/cases';
import { caseListQuery, InboxQueryDto } from '../cases/dto/case-list-query.dto';
import { CasePageDto } from '../cases/dto/case-page.dto';
import { CurrentActor } from '../http/actor.decorator';
import { ApiErrors } from '../http/api-errors.decorator';

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
  @ApiOkResponse({ type: CasePageDto })
  @ApiOperation({
    summary:
      'Cases awaiting acceptance or in hand at a home jurisdiction, soonest due first (its acceptance, ' +
      'decision or dispatch clock), each row with its due moment; filter by clock state (warned, overdue)',
  })
  inbox(@CurrentActor() actor: Actor, @Query() query: InboxQueryDto): Promise<CasePage> {
    return this.queries.listCases(caseListQuery('inbox', query, INBOX_STATES), actor);
  }
}
