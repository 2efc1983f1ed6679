import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '@app/accounts';
import { CalendarService } from '@app/cases';
import { ConsolePages } from '../http/console-pages.decorator';
import { readForm } from '../http/form';
import { formRefusal, keptValues, type FormRefusal } from '../http/form-refusal';
import { Pages } from '../http/pages';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import { beijingDay } from '../view-models/view-helpers';
import { calendarEntryOf, calendarYearRow } from '../view-models/admin-calendar';

/** The calendar page's path. */
const CALENDAR_PATH = '/console/staff/admin/calendar';

/** The form fields kept after a refusal, and their names on the page. */
const FIELDS: Readonly<Record<string, string>> = {
  year: '年份',
  holidays: '放假日期',
  adjustedWorkingDays: '调休上班日期',
  source: '通知文号',
};

/** What each field must be, as the form says it when the calendar refuses it (its reasons are English). */
const FIELD_RULES: Readonly<Record<string, string>> = {
  year: '四位年份',
  holidays: '该年的日期，写作 YYYY-MM-DD，每行或以逗号分隔一个',
  adjustedWorkingDays: '该年的周六或周日（调休上班只能是周末），写作 YYYY-MM-DD',
  source: '国务院办公厅通知的文号，如 国办发明电〔2025〕7号',
};

/**
 * 系统管理 (admin): the working-day calendar's official year arrangements through CalendarService,
 * as PUT /api/v1/calendar/years/:year does: the years stored and around now, each official, from the
 * library or provisional; entering a year's holidays and 调休 working days from the State Council's
 * notice, and how many open clocks (and cases) that recomputed. Admins only (`keepCalendar`).
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff/admin/calendar')
export class AdminCalendarController {
  constructor(
    private readonly pages: Pages,
    private readonly calendar: CalendarService,
  ) {}

  /** The years (last, this and next, and every stored one) and the form; after an entry, what it recomputed. */
  @Get()
  async page(
    @ConsoleStaff() staff: StaffPrincipal,
    @Query() query: Record<string, string>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const stored = /^\d{4}$/.test(query.stored ?? '')
      ? { year: query.stored, clocks: Number(query.clocks) || 0, cases: Number(query.cases) || 0 }
      : null;
    return this.render(
      staff,
      request,
      reply,
      { year: '', holidays: '', adjustedWorkingDays: '', source: '' },
      stored,
    );
  }

  /**
   * Stores the form's year as official (CalendarService.storeYear) and shows the page again saying how
   * many clocks and cases were recomputed (303); a refusal shows the form again with the fields named.
   */
  @Post()
  async store(
    @ConsoleStaff() staff: StaffPrincipal,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const values = keptValues(body, Object.keys(FIELDS));
    try {
      readForm(body, [
        { name: 'year', label: '年份', maxChars: 4 },
        { name: 'source', label: '通知文号', maxChars: 500 },
      ]);
      const { year, entry } = calendarEntryOf(values);
      const { recomputed } = await this.calendar.storeYear(staff, year, entry);
      const query = new URLSearchParams({
        stored: String(year),
        clocks: String(recomputed.clocks),
        cases: String(recomputed.cases),
      });
      return reply.code(303).redirect(`${CALENDAR_PATH}?${query.toString()}`);
    } catch (error) {
      const refused = formRefusal(error, FIELDS, undefined, FIELD_RULES);
      if (!refused) throw error;
      return this.render(staff, request, reply, values, null, refused);
    }
  }

  private async render(
    staff: StaffPrincipal,
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    stored: { year: string; clocks: number; cases: number } | null,
    error?: FormRefusal,
  ) {
    const thisYear = Number(beijingDay(new Date()).slice(0, 4));
    const years = await this.calendar.yearsKept(staff, [thisYear - 1, thisYear, thisYear + 1]);
    return this.pages.render(
      request,
      reply,
      'staff/admin-calendar',
      { title: '法定节假日安排', staff, rows: years.map(calendarYearRow), values, stored, error },
      error?.status,
    );
  }
}
