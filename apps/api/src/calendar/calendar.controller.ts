import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StaffPrincipal } from '@app/accounts';
import { CalendarService, type CalendarYearView, type DueDateView } from '@app/cases';
import { CurrentStaff } from '../http/actor.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import {
  CalendarYearDto,
  CalendarYearParamDto,
  CalendarYearViewDto,
  DueDateQueryDto,
  DueDateViewDto,
} from './calendar.dto';

/** The statutory working-day calendar: official years (entered by admins) and due dates (any staff). */
@ApiTags('calendar')
@ApiBearerAuth()
@ApiErrors(400, 401, 403)
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Put('years/:year')
  @ApiOkResponse({ type: CalendarYearViewDto })
  @ApiOperation({ summary: "Store a year's official arrangement from the State Council's notice (admin)" })
  storeYear(
    @Param() params: CalendarYearParamDto,
    @Body() dto: CalendarYearDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CalendarYearView> {
    return this.calendar.storeYear(staff, params.year, dto);
  }

  @Get('years/:year')
  @ApiOkResponse({ type: CalendarYearViewDto })
  @ApiOperation({ summary: 'The arrangement in effect for a year: official, library or provisional' })
  year(@Param() params: CalendarYearParamDto): Promise<CalendarYearView> {
    return this.calendar.year(params.year);
  }

  @Get('due-date')
  @ApiOkResponse({ type: DueDateViewDto })
  @ApiOperation({ summary: 'When a period of statutory working days ends, and whether that is provisional' })
  dueDate(@Query() query: DueDateQueryDto): Promise<DueDateView> {
    return this.calendar.dueDate(query.from, query.workingDays);
  }
}
