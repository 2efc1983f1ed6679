import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '@app/accounts';
import { NotFound } from '@app/common';
import { ConsolePages } from '../http/console-pages.decorator';
import { Pages } from '../http/pages';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import { CasePageQueries } from '../view-models/case-page-queries';
import { officerQueue } from '../view-models/officer-queues';

/** A page number from the query string: a positive integer, else 1. */
const pageOf = (raw: unknown): number => {
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, n);
};

/**
 * 业务属地部门待办: the officer's queues by state with their counts, each queue's list soonest due
 * first (warned and overdue in words), and finding a case by case number or waybill (any staff
 * member, in their own scope). Every row links to the case page.
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff')
export class OfficerQueuesController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: CasePageQueries,
  ) {}

  /** The queues (OFFICER_QUEUES) with their counts, each a link to its list. */
  @Get('queues')
  async queues(
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const queues = await this.queries.queueCounts(staff);
    return this.pages.render(request, reply, 'staff/queues', { title: '待办队列', staff, queues });
  }

  /**
   * Queue `:queue`'s cases, `?page=` at a time (QUEUE_PAGE_ROWS), soonest due first.
   * @throws NotFound (404) no such queue
   */
  @Get('queues/:queue')
  async queue(
    @Param('queue') key: string,
    @Query('page') page: unknown,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const queue = officerQueue(key);
    if (!queue) throw new NotFound('case', `no queue ${key}`);
    const list = await this.queries.queue(staff, queue, pageOf(page));
    return this.pages.render(request, reply, 'staff/queue', { title: queue.label, staff, queue, list });
  }

  /** The search form and, with `?q=`, the cases it names exactly (case number, waybill or the applicant's ID number). */
  @Get('find')
  async find(
    @Query('q') q: unknown,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const found = await this.queries.find(staff, typeof q === 'string' ? q.slice(0, 60) : '');
    // One exact match of a scanned receipt or waybill: straight to its page. A person's ID number
    // lists their cases, even one (the officer sees whose cases they are before opening one).
    if (found.list?.total === 1 && found.as !== 'idNumber')
      return reply.code(303).redirect(found.list.rows[0].href);
    return this.pages.render(request, reply, 'staff/find', { title: '查找案件', staff, found });
  }
}
