import { BadRequestException } from '@nestjs/common';

/**
 * 400: `field` is wrong; nothing was written. Carries `details: [{ field, message }]` for the one
 * error shape `{ statusCode, error, message, details }` the api writes.
 */
export const invalidField = (field: string, message: string) =>
  new BadRequestException({ message: `${field}: ${message}`, details: [{ field, message }] });
