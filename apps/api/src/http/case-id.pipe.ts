import { ParseUUIDPipe } from '@nestjs/common';
import { invalidField } from '@app/cases';

/** A case id in a path: a UUID v4, else 400 naming `id`. */
export const caseIdPipe = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () => invalidField('id', 'must be a case id (UUID v4)'),
});
