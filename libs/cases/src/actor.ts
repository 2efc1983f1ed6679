import type { ActorRole } from '@app/workflow';

/** Who is acting: a role and an id (staff account, applicant, or the job that sends a system event). */
export interface Actor {
  role: ActorRole;
  id: string;
}
