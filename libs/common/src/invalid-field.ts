import { InvalidInput } from './domain-errors';

/**
 * 400 (InvalidInput): `field` is wrong; nothing was written. Carries `details: [{ field, message }]`
 * for the one error shape `{ statusCode, error, message, details }` the api writes.
 */
export const invalidField = (field: string, message: string) =>
  new InvalidInput(`${field}: ${message}`, [{ field, message }]);
