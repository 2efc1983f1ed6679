import { InvalidInput } from '@app/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { validationDetails } from '../../http/validation-errors';

/**
 * `plain` as an instance of the api's DTO `dto`, checked by the same rules and options as the
 * JSON api's global ValidationPipe (bootstrap.ts: whitelist, unknown fields refused, transforms
 * applied, validators from Nest's container), so a console form and the JSON route refuse alike.
 * @throws InvalidInput (400) naming each wrong field as the JSON api's 400 does (validationDetails)
 */
export async function validatedBody<T extends object>(dto: ClassConstructor<T>, plain: object): Promise<T> {
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: true },
  });
  if (errors.length > 0) throw new InvalidInput('the form is invalid', validationDetails(errors));
  return instance;
}
