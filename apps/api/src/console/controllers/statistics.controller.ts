import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '@app/accounts';
import { staffActor, StatisticsService } from '@app/cases';
import { StatisticsQueryDto } from '../../statistics/statistics-query.dto';
import { ConsolePages } from '../http/console-pages.decorator';
import { Pages } from '../http/pages';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import { statisticsPage } from '../view-models/statistics-page';

/** Where the supervisor's room is. */
const STATISTICS_PATH = '/console/staff/statistics';

/** The period as the filter form posted it (already checked by StatisticsQueryDto): `from`, `to`, each '' when open. */
function periodFields(request: FastifyRequest): { from: string; to: string } {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { from: text(query.from), to: text(query.to) };
}

/** The period as a query string for links ('' when open), so a CSV covers what the page shows. */
function periodQuery(period: { from: string; to: string }): string {
  const params = new URLSearchParams(Object.entries(period).filter(([, v]) => v !== ''));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * 督查 (supervisor): the statistics of the clocks and evaluations of the supervisor's division
 * (StatisticsService, the same as GET /api/v1/statistics) as charts and tables, filtered by the
 * period received (Beijing days, both included), each table downloadable as the api's CSV.
 * Another role gets the policy's 403 (`readStatistics`) as a page.
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff/statistics')
export class StatisticsPageController {
  constructor(
    private readonly pages: Pages,
    private readonly statistics: StatisticsService,
  ) {}

  /**
   * The page: figures, five charts (inline SVG) each with its table, the other tables as CSV links.
   * Query `from`/`to` as GET /statistics takes them (StatisticsQueryDto: 400 naming the field).
   */
  @Get()
  async page(
    @ConsoleStaff() staff: StaffPrincipal,
    @Query() period: StatisticsQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const stats = await this.statistics.statistics(staffActor(staff), period);
    const fields = periodFields(request);
    return this.pages.render(request, reply, 'staff/statistics', {
      title: '督查统计',
      staff,
      stats,
      period: fields,
      view: statisticsPage(stats, STATISTICS_PATH, periodQuery(fields)),
    });
  }

  /**
   * One table as the api's CSV (StatisticsService.csv: UTF-8 with BOM, Chinese header row), a
   * download named `statistics-<table>.csv`; 404 page for an unknown table.
   */
  @Get(':table.csv')
  async csv(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('table') table: string,
    @Query() period: StatisticsQueryDto,
    @Res() reply: FastifyReply,
  ) {
    const csv = await this.statistics.csv(staffActor(staff), table, period);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="statistics-${table}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  }
}
