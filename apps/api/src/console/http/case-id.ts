import { isUUID } from 'class-validator';
import { caseNotFound } from '@app/cases';

/**
 * The case id of a console path (`/console/staff/cases/:id/...`): a UUID v4.
 * @throws NotFound (404) anything else: the same answer as an unknown case or one out of reach
 */
export function caseIdIn(id: string): string {
  if (!isUUID(id, '4')) throw caseNotFound();
  return id;
}
