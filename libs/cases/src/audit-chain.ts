import { createHash } from 'node:crypto';

/** The fields of a case_events row that the hash covers (everything but the row id and the hash). */
export interface AuditRow {
  applicationId: string;
  seq: number;
  eventId: string | null;
  type: string;
  fromState: string | null;
  toState: string;
  actorRole: string;
  actorId: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  prevHash: string | null;
}

/** JSON with object keys sorted at every depth, so equal rows always serialise alike. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the canonical row; `prevHash` chains it to the case's previous event. */
export function auditHash(row: AuditRow): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}
