import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { STATISTICS_TABLES, StatisticsService, type Actor, type CaseStatistics } from '@app/cases';
import { CurrentActor } from '../http/actor.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { StatisticsQueryDto } from './statistics-query.dto';
import { CaseStatisticsDto } from './statistics-view.dto';

/** Supervision (督查): the statistics of the cases in a supervisor's division. Supervisors only. */
@ApiTags('statistics')
@ApiBearerAuth()
@ApiErrors(400, 401, 403)
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @ApiOkResponse({ type: CaseStatisticsDto })
  @ApiOperation({
    summary:
      'Counts by state, item, window and home jurisdiction, cases overdue for acceptance, transfer ' +
      "exceptions, cases across the division's border per month (Beijing time), both sides' " +
      'evaluations and every 差评, over the cases received in the period (supervisor only)',
  })
  read(@CurrentActor() actor: Actor, @Query() query: StatisticsQueryDto): Promise<CaseStatistics> {
    return this.statistics.statistics(actor, query);
  }

  @Get(':table.csv')
  @ApiErrors(404)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the table, UTF-8 CSV with BOM', schema: { type: 'string' } })
  @ApiParam({ name: 'table', enum: Object.keys(STATISTICS_TABLES) })
  @ApiOperation({
    summary:
      'One table of the statistics as CSV for Excel: UTF-8 with BOM, Chinese header row, Beijing ' +
      'times; the same period and permission as the JSON (404 for an unknown table)',
  })
  async csv(
    @CurrentActor() actor: Actor,
    @Param('table') table: string,
    @Query() query: StatisticsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const csv = await this.statistics.csv(actor, table, query);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="statistics-${table}.csv"`);
    return csv;
  }
}
