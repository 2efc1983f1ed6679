import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StatisticsService, type Actor, type CaseStatistics } from '@app/cases';
import { CurrentActor } from '../http/actor.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { StatisticsQueryDto } from './statistics-query.dto';

/** Supervision (督查): the statistics of the cases in a supervisor's division. Supervisors only. */
@ApiTags('statistics')
@ApiBearerAuth()
@ApiErrors(400, 401, 403)
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Counts by state, item, window and home jurisdiction, cases overdue for acceptance, transfer ' +
      'exceptions and evaluations, over the cases received in the period (supervisor only)',
  })
  read(@CurrentActor() actor: Actor, @Query() query: StatisticsQueryDto): Promise<CaseStatistics> {
    return this.statistics.statistics(actor, query);
  }
}
