import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CaseQueryService, INBOX_STATES, type Actor, type CasePage } from '@app/cases';
import { CurrentActor } from '../http/actor.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { IsCode } from '../http/codes';
import { PagingQueryDto } from '../http/paging';

/** `GET /inbox?…`: which jurisdiction, which inbox state; nothing else is taken. */
export class InboxQueryDto extends PagingQueryDto {
  @ApiPropertyOptional({ example: 'J310115-SFJ' })
  @IsOptional()
  @IsCode('jurisdiction')
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: INBOX_STATES })
  @IsOptional()
  @IsIn(INBOX_STATES, { message: `state must be one of ${INBOX_STATES.join(', ')}` })
  state?: (typeof INBOX_STATES)[number];
}

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
  inbox(@CurrentActor() actor: Actor, @Query() query: InboxQueryDto): Promise<CasePage> {
    return this.queries.listCases(
      {
        jurisdictionCode: query.jurisdiction,
        states: query.state ? [query.state] : INBOX_STATES,
        page: query.page,
        pageSize: query.pageSize,
      },
      actor,
    );
  }
}
