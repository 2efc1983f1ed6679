import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseQueryService, caseNotFound, type TrackingView } from '@app/cases';

/** 进度查询: the applicant follows the case with the receipt's case number and query code. */
@ApiTags('tracking')
@Controller('track')
export class TrackingController {
  constructor(private readonly queries: CaseQueryService) {}

  @Get(':caseNumber')
  @ApiOperation({ summary: "The applicant's view: timeline, next step, personal data masked" })
  track(@Param('caseNumber') caseNumber: string, @Query('code') code?: string): Promise<TrackingView> {
    // A malformed number or code is answered like a wrong one: the same 404, nothing to learn.
    if (!/^\d{6}-\d{8}-\d{6,}$/.test(caseNumber) || !code || !/^\d{6}$/.test(code)) throw caseNotFound();
    return this.queries.track(caseNumber, code);
  }
}
