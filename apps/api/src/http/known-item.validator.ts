import { Injectable } from '@nestjs/common';
import {
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { CatalogueService } from '@app/catalogue';
import { isCode } from './codes';

/**
 * A well-formed item code the catalogue holds. Checked with the body's other rules, so an unknown
 * item is named even when other fields are wrong too (the receiving service checks it again, with
 * the rest of the item's rules, once the body is valid). A malformed code is left to `IsCode`.
 * Nest's container builds it (`useContainer` in createApiApp), with the catalogue injected.
 */
@ValidatorConstraint({ name: 'knownItemCode', async: true })
@Injectable()
export class KnownItemCode implements ValidatorConstraintInterface {
  constructor(private readonly catalogue: CatalogueService) {}

  async validate(value: unknown): Promise<boolean> {
    if (typeof value !== 'string' || !isCode('item', value)) return true;
    return this.catalogue.hasItem(value);
  }

  defaultMessage(args: ValidationArguments): string {
    return `unknown service item ${String(args.value)}`;
  }
}

/** DTO field decorator: the value is the code of an item in the catalogue. */
export const IsKnownItemCode = (): PropertyDecorator => Validate(KnownItemCode);
