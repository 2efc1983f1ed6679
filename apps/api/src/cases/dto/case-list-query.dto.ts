import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  DUE_STATE_FILTERS,
  INBOX_STATES,
  WORKLIST_SORTS,
  type CaseListQuery,
  type DueStateFilter,
  type Worklist,
  type WorklistSort,
} from '@app/cases';
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

/** An optional query parameter `field` taking one of `values`, else 400 naming it and listing them. */
const OneOf = (field: string, values: readonly string[], description: string, fallback?: string) =>
  applyDecorators(
    ApiPropertyOptional({ enum: values, description, ...(fallback ? { default: fallback } : {}) }),
    IsOptional(),
    IsIn(values, { message: `${field} must be one of ${values.join(', ')}` }),
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

  @OneOf(
    'clockState',
    DUE_STATE_FILTERS,
    "only the cases whose due clock (the row's `due`) is in this state: warned (warning raised, not overdue) " +
      'or overdue (overdue mark raised or due moment passed)',
  )
  clockState?: DueStateFilter;

  @OneOf(
    'sort',
    WORKLIST_SORTS,
    'due: soonest due moment first, nothing due last, ties by case number; waiting: longest in its state first',
    'due',
  )
  sort?: WorklistSort;
}

/** `GET /inbox?…`: which jurisdiction, which inbox state, which clock state, which order; nothing else is taken. */
export class InboxQueryDto extends PickType(CaseListQueryDto, [
  'jurisdiction',
  'clockState',
  'sort',
  'page',
  'pageSize',
]) {
  @StateFilter(INBOX_STATES)
  state?: (typeof INBOX_STATES)[number];
}

/**
 * The case list a validated list query asks for from `worklist`: its filters, order (soonest due
 * first by default) and page; a list of the cases in `states` when it names no state (all states
 * when absent).
 */
export function caseListQuery(
  worklist: Worklist,
  query: Partial<CaseListQueryDto> & PagingQueryDto,
  states?: readonly CaseState[],
): CaseListQuery {
  return {
    worklist,
    clockState: query.clockState,
    sort: query.sort ?? 'due',
    windowCode: query.window,
    jurisdictionCode: query.jurisdiction,
    caseNumber: query.caseNumber,
    states: query.state ? [query.state] : states,
    page: query.page,
    pageSize: query.pageSize,
  };
}
