import { ValidateBy, type ValidationArguments } from 'class-validator';

/**
 * A field that belongs to one variant of a body only (a waybill to a courier parcel or a mailed
 * result, scan digests to a scan transfer): sent with another variant it is refused with
 * `message`, instead of being stored where nobody will read it.
 * @param belongs false when the body (as sent) is a variant the field does not belong to; an
 *   unknown variant counts as belonging, so only the variant's own field is reported then
 */
export const OnlyFor = <T extends object>(
  belongs: (body: T) => boolean,
  message: string,
): PropertyDecorator =>
  ValidateBy(
    {
      name: 'onlyFor',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          value === undefined || belongs(args?.object as T),
      },
    },
    { message },
  );
