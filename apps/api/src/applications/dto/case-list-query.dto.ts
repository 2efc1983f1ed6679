import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CASE_STATES, type CaseState } from '@app/workflow';
import { IsCode } from '../../http/codes';
import { PagingQueryDto } from '../../http/paging';

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

  @ApiPropertyOptional({ enum: CASE_STATES })
  @IsOptional()
  @IsIn(CASE_STATES, { message: `state must be one of ${CASE_STATES.join(', ')}` })
  state?: CaseState;
}
