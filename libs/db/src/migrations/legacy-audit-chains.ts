import type { EntityManager } from 'typeorm';
import { auditHash, checkChain, legacyAuditHash, type StoredAuditRow } from '../audit-chain';

/*
 * What the migration to keyed chains (1764610000000) runs, and tests use to build legacy cases:
 * raw SQL, since a migration must not depend on the repositories of the code of its day.
 */

/** One case whose legacy chain was not re-signed, and why. */
export interface RefusedLegacyChain {
  applicationId: string;
  caseNumber: string;
  reason: string;
}

const AUDIT_ROW_COLUMNS = `id::text, application_id AS "applicationId", seq, event_id AS "eventId", type,
  from_state AS "fromState", to_state AS "toState", actor_role AS "actorRole", actor_id AS "actorId",
  payload, occurred_at AS "occurredAt", prev_hash AS "prevHash", hash, hash_scheme AS "hashScheme"`;

/** The audit rows of case `applicationId` as stored, oldest first (raw SQL: migrations use it too). */
export function auditRows(m: Pick<EntityManager, 'query'>, applicationId: string): Promise<StoredAuditRow[]> {
  return m.query(`SELECT ${AUDIT_ROW_COLUMNS} FROM case_events WHERE application_id = $1 ORDER BY seq`, [
    applicationId,
  ]);
}

/**
 * The upgrade from plain SHA-256 to HMAC chains, run once by the migration that adds AUDIT_KEY
 * (1764610000000): every case whose chain holds legacy rows is checked as the old code would
 * (SHA-256, every row legacy, the end matching the case) and, when intact, re-signed row by row
 * under `key`, the case row locked meanwhile. A broken chain is refused (left as it is, so verify
 * keeps reporting it). Run through `m` (the migration's transaction).
 */
export async function signLegacyChains(
  m: EntityManager,
  key: Buffer,
): Promise<{ signed: number; refused: RefusedLegacyChain[] }> {
  const cases: { id: string; case_number: string; state: string; version: number }[] = await m.query(
    `SELECT a.id, a.case_number, a.state, a.version FROM applications a
      WHERE EXISTS (SELECT 1 FROM case_events e WHERE e.application_id = a.id AND e.hash_scheme = 'sha256')
      ORDER BY a.id FOR UPDATE OF a`,
  );
  let signed = 0;
  const refused: RefusedLegacyChain[] = [];
  for (const app of cases) {
    const rows = await auditRows(m, app.id);
    const verdict = checkChain(
      rows,
      app,
      (fields, scheme) => (scheme === 'sha256' ? legacyAuditHash(fields) : null),
      'a row signed under AUDIT_KEY inside a legacy chain',
    );
    if (!verdict.intact) {
      refused.push({ applicationId: app.id, caseNumber: app.case_number, reason: verdict.brokenAt.reason });
      continue;
    }
    let prevHash: string | null = null;
    for (const { id, hash: _hash, hashScheme: _scheme, ...fields } of rows) {
      const hash = auditHash({ ...fields, prevHash }, key);
      await m.query(
        `UPDATE case_events SET prev_hash = $2, hash = $3, hash_scheme = 'hmac-sha256' WHERE id = $1`,
        [id, prevHash, hash],
      );
      prevHash = hash;
    }
    signed++;
  }
  return { signed, refused };
}
