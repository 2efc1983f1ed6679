import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PlainText } from '../http/plain-text.validator';
import { EVALUATION_GRADES, type EvaluationGrade } from '@app/cases';

/** 好差评: one of five grades and an optional comment. */
export class EvaluationDto {
  @ApiProperty({ enum: Object.keys(EVALUATION_GRADES), description: '非常满意 … 非常不满意' })
  @IsIn(Object.keys(EVALUATION_GRADES))
  grade: EvaluationGrade;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @PlainText(500)
  comment?: string;
}
