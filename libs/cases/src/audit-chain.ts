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

/** A stored audit row: the hashed fields plus its id and hash. */
export interface StoredAuditRow extends AuditRow {
  id: string;
  hash: string;
}

/** The verdict on one case's chain: intact, or the first row that breaks it and why. */
export type ChainVerdict =
  | { intact: true; rows: number }
  | { intact: false; rows: number; brokenAt: { id: string; seq: number; reason: string } };

/**
 * Checks one case's audit rows (ordered by seq): seq runs 1, 2, 3 … without gaps, each row's
 * `prevHash` is the previous row's `hash` (null for the first), and each `hash` is the SHA-256 of
 * its own canonical row. Names the first row that fails, so an edited, removed or inserted row
 * is found (DESIGN invariant 6).
 */
export function verifyChain(rows: StoredAuditRow[]): ChainVerdict {
  let previous: StoredAuditRow | undefined;
  for (const row of rows) {
    const broken = (reason: string): ChainVerdict => ({
      intact: false,
      rows: rows.length,
      brokenAt: { id: row.id, seq: row.seq, reason },
    });
    const { id: _id, hash, ...fields } = row;
    if (row.seq !== (previous?.seq ?? 0) + 1)
      return broken(`seq ${row.seq} follows ${previous?.seq ?? 'nothing'}`);
    if (row.prevHash !== (previous?.hash ?? null)) return broken('prev_hash does not match the previous row');
    if (auditHash(fields) !== hash) return broken('hash does not match the row: the row was changed');
    previous = row;
  }
  return { intact: true, rows: rows.length };
}
