import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy, ValidateIf } from 'class-validator';
import { PlainText } from '../http/plain-text.validator';
import { EVALUATION_GRADES, type EvaluationGrade, type SideGrades } from '@app/cases';

const GRADES = Object.keys(EVALUATION_GRADES);
const GRADE_WORDS = '非常满意 … 非常不满意';

/** `grade` is not given together with a side's grade. */
const Alone = (): PropertyDecorator =>
  ValidateBy(
    {
      name: 'alone',
      validator: {
        validate: (_: unknown, args) => {
          const dto = args?.object as EvaluationDto | undefined;
          return dto?.windowGrade === undefined && dto?.jurisdictionGrade === undefined;
        },
      },
    },
    { message: 'give either grade alone or windowGrade and jurisdictionGrade' },
  );

/**
 * 好差评: the receiving window's service (`windowGrade`) and the home jurisdiction's
 * (`jurisdictionGrade`), one of five grades each, both required, none assumed; or, as before both
 * sides were rated, one `grade` for both. An optional comment.
 */
export class EvaluationDto {
  @ApiPropertyOptional({ enum: GRADES, description: `${GRADE_WORDS}: both sides alike (the older body)` })
  @ValidateIf((o: EvaluationDto) => o.grade !== undefined || (!o.windowGrade && !o.jurisdictionGrade))
  @IsIn(GRADES)
  @Alone()
  grade?: EvaluationGrade;

  @ApiPropertyOptional({ enum: GRADES, description: `${GRADE_WORDS}: the receiving window's service` })
  @ValidateIf((o: EvaluationDto) => o.grade === undefined)
  @IsIn(GRADES)
  windowGrade?: EvaluationGrade;

  @ApiPropertyOptional({ enum: GRADES, description: `${GRADE_WORDS}: the home jurisdiction's service` })
  @ValidateIf((o: EvaluationDto) => o.grade === undefined)
  @IsIn(GRADES)
  jurisdictionGrade?: EvaluationGrade;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @PlainText(500)
  comment?: string;
}

/** Each side's grade of a valid body: `grade` alone stands for both. */
export function sideGrades(dto: EvaluationDto): SideGrades {
  return {
    window: (dto.windowGrade ?? dto.grade) as EvaluationGrade,
    jurisdiction: (dto.jurisdictionGrade ?? dto.grade) as EvaluationGrade,
  };
}
