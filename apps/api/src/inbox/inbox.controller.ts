import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CaseQueryService, invalidField, type Actor } from '@app/cases';
import { ActorHeaders, CurrentActor } from '../http/actor.decorator';

/** The home jurisdiction's inbox: forwarded cases that have arrived, and its cases in hand. */
@ApiTags('inbox')
@ActorHeaders()
@Controller('inbox')
export class InboxController {
  constructor(private readonly queries: CaseQueryService) {}

  @Get()
  @ApiOperation({ summary: 'Cases awaiting acceptance or in hand at a home jurisdiction (officer)' })
  @ApiQuery({ name: 'jurisdiction', example: 'J310115-SFJ' })
  inbox(@Query('jurisdiction') jurisdiction: string | undefined, @CurrentActor() _actor: Actor) {
    if (!jurisdiction || !/^J\d{6}-[A-Z]{2,8}$/.test(jurisdiction)) {
      throw invalidField('jurisdiction', 'must be a home jurisdiction code like J310115-SFJ');
    }
    return this.queries.inbox(jurisdiction);
  }
}
