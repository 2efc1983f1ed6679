import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EvaluationDto, sideGrades } from './evaluation.dto';

/** Each side's grade of `body`, or the fields the global ValidationPipe would refuse. */
function read(body: object) {
  const dto = plainToInstance(EvaluationDto, body);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? { refused: errors.map((e) => e.property).sort() } : sideGrades(dto);
}

describe('EvaluationDto', () => {
  it('takes each side graded on its own', () => {
    expect(read({ windowGrade: 'very_satisfied', jurisdictionGrade: 'dissatisfied' })).toEqual({
      window: 'very_satisfied',
      jurisdiction: 'dissatisfied',
    });
  });

  it('takes one grade, as before both sides were rated, for both', () => {
    expect(read({ grade: 'satisfied', comment: '快' })).toEqual({
      window: 'satisfied',
      jurisdiction: 'satisfied',
    });
  });

  it('assumes nothing: a side left out, no grade at all, or both kinds at once are refused', () => {
    expect(read({ windowGrade: 'satisfied' })).toEqual({ refused: ['jurisdictionGrade'] });
    expect(read({})).toEqual({ refused: ['grade', 'jurisdictionGrade', 'windowGrade'] });
    expect(read({ grade: 'satisfied', windowGrade: 'satisfied', jurisdictionGrade: 'satisfied' })).toEqual({
      refused: ['grade'],
    });
    expect(read({ windowGrade: 'great', jurisdictionGrade: 'satisfied' })).toEqual({
      refused: ['windowGrade'],
    });
  });
});
