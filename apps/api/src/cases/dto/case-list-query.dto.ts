import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { INBOX_STATES, type CaseListQuery } from '@app/cases';
import { CASE_STATES, type CaseState } from '@app/workflow';
import { IsCode } from '../../http/codes';
import { PagingQueryDto } from '../../http/paging-query.dto';

/** The optional `state` filter of a list: one of `states`, else 400 listing them. */
const StateFilter = (states: readonly CaseState[]) =>
  applyDecorators(
    ApiPropertyOptional({ enum: states }),
    IsOptional(),
    IsIn(states, { message: `state must be one of ${states.join(', ')}` }),
  );

/** `GET /applications?…`: a worklist or a lookup; filters combine with AND; nothing else is taken. */
export class CaseListQueryDto extends PagingQueryDto {
  @ApiPropertyOptional({ example: 'W330902' })
  @IsOptional()
  @IsCode('window')
  window?: string;

  @ApiPropertyOptional({ example: 'J310115-SFJ' })
  @IsOptional()
  @IsCode('jurisdiction')
  jurisdiction?: string;

  @ApiPropertyOptional({ example: '330902-20261130-000001' })
  @IsOptional()
  @IsCode('caseNumber')
  caseNumber?: string;

  @StateFilter(CASE_STATES)
  state?: CaseState;
}

/** `GET /inbox?…`: which jurisdiction, which inbox state; nothing else is taken. */
export class InboxQueryDto extends PickType(CaseListQueryDto, ['jurisdiction', 'page', 'pageSize']) {
  @StateFilter(INBOX_STATES)
  state?: (typeof INBOX_STATES)[number];
}

/**
 * The case list a validated list query asks for: its filters and page; a list of the cases in
 * `states` when it names no state (all states when absent).
 */
export function caseListQuery(
  query: Partial<CaseListQueryDto> & PagingQueryDto,
  states?: readonly CaseState[],
): CaseListQuery {
  return {
    windowCode: query.window,
    jurisdictionCode: query.jurisdiction,
    caseNumber: query.caseNumber,
    states: query.state ? [query.state] : states,
    page: query.page,
    pageSize: query.pageSize,
  };
}
