import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '@app/accounts';
import { ConsolePages } from '../http/console-pages.decorator';
import { Pages } from '../http/pages';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import { CasePageQueries } from '../view-models/case-page-queries';
import { ConsoleQueries } from '../view-models/console-queries';
import { ROLE_NAMES } from '../view-models/staff-nav';

/** The staff's rooms; for now each role's landing page. */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff')
export class StaffHomeController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: ConsoleQueries,
    private readonly casePages: CasePageQueries,
  ) {}

  /**
   * The landing page of the signed-in staff member (ConsoleQueries.landing): a clerk's window
   * worklist by what is due, an officer's inbox queues with counts, a supervisor's counts; with
   * `?mine=1`, the officer's inbox holds only the cases they hold (我认领的案件).
   */
  @Get()
  async home(
    @Query('mine') mine: string | undefined,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const landing = await this.queries.landing(staff, { mine: mine === '1' });
    // An officer's landing page counts the same queues as the queues page (OFFICER_QUEUES).
    const queues = landing.role === 'officer' ? await this.casePages.queueCounts(staff) : [];
    return this.pages.render(request, reply, 'staff/home', {
      title: `${ROLE_NAMES[staff.role]}工作台`,
      staff,
      roleName: ROLE_NAMES[staff.role],
      landing,
      queues,
    });
  }
}
