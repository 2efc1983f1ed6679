import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** One wrong field: its dotted path (`applicant.idNumber`, `materials.0.form`) and what is wrong. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Rules whose failure makes a field's other rules moot, in the order their message is preferred:
 * a field sent where it does not belong (OnlyFor), then a value of the wrong type.
 */
const SOLE_RULES = [
  'onlyFor',
  'isArray',
  'isObject',
  'isString',
  'isBoolean',
  'isInt',
  'isNumber',
  'nestedValidation',
];

/**
 * Flattens class-validator's tree into the wrong fields, each problem said once:
 * - a field that is missing (absent or null) is `required`, one message, not one per rule its
 *   characters would have broken; where the field is required only in some cases its `IsDefined`
 *   message says which (`waybillNumber is required for courier`);
 * - a field of the wrong type (`applicant: 5`, `materials: {…}`) says only that (`materials must be
 *   an array`), not what its size or contents would break; a field sent where it does not belong
 *   (a waybill with a scan transfer) says only that;
 * - the same message twice for one field (several rules sharing one wording) is said once.
 */
export function validationDetails(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const constraints = e.constraints ?? {};
    const missing = (e.value === undefined || e.value === null) && !constraints.whitelistValidation;
    if (missing && Object.keys(constraints).length > 0) {
      const when = constraints.isDefined;
      return [{ field, message: when?.includes(' is required') ? when : `${field} is required` }];
    }
    const sole = SOLE_RULES.find((rule) => constraints[rule]);
    if (sole) {
      return [
        { field, message: sole === 'nestedValidation' ? `${field} must be an object` : constraints[sole] },
      ];
    }
    const own = [...new Set(Object.values(constraints))].map((message) => ({ field, message }));
    return [...own, ...validationDetails(e.children ?? [], field)];
  });
}

/** 400 with every wrong field named. */
export function validationError(details: FieldError[]): BadRequestException {
  const fields = [...new Set(details.map((d) => d.field))];
  return new BadRequestException({ message: `invalid ${fields.join(', ')}`, details });
}
