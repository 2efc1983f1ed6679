import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** One wrong field: its dotted path (`applicant.idNumber`, `materials.0.form`) and what is wrong. */
export interface FieldError {
  field: string;
  message: string;
}

/** Flattens class-validator's tree into one entry per wrong field. */
export function validationDetails(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationDetails(e.children ?? [], field)];
  });
}

/** 400 with every wrong field named. */
export function validationError(details: FieldError[]): BadRequestException {
  const fields = [...new Set(details.map((d) => d.field))];
  return new BadRequestException({ message: `invalid ${fields.join(', ')}`, details });
}
