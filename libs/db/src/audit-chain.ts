import { createHash, createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** The fields of a case_events row that the hash covers (everything but the row id, hash and scheme). */
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

/**
 * How a row's hash was made: `hmac-sha256` under AUDIT_KEY (every row written or re-signed since the
 * key exists); `sha256`, plain SHA-256, for rows written before it and not yet re-signed. Only
 * `hmac-sha256` rows verify: plain SHA-256 can be recomputed by anyone who can write the database.
 */
export type AuditHashScheme = 'hmac-sha256' | 'sha256';

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

/**
 * The AUDIT_KEY as bytes.
 * @throws Error naming AUDIT_KEY when it is not 32 bytes, base64-encoded
 */
export function auditKeyFrom(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('AUDIT_KEY must be 32 bytes, base64-encoded');
  return key;
}

/**
 * HMAC-SHA256 (hex) of the canonical row under `key` (AUDIT_KEY); `prevHash` chains it to the
 * case's previous event. Without the key nobody can make a hash that verifies.
 */
export function auditHash(row: AuditRow, key: Buffer): string {
  return createHmac('sha256', key).update(canonicalJson(row)).digest('hex');
}

/** Plain SHA-256 (hex) of the canonical row: how rows were hashed before AUDIT_KEY existed. */
export function legacyAuditHash(row: AuditRow): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

/** A stored audit row: the hashed fields plus its id, hash and hash scheme. */
export interface StoredAuditRow extends AuditRow {
  id: string;
  hash: string;
  hashScheme: AuditHashScheme;
}

/** What the case row says the chain must end with: its version (= last seq) and its state. */
export interface ChainHead {
  version: number;
  state: string;
}

/** The verdict on one case's chain: intact, or the first row that breaks it and why. */
export type ChainVerdict =
  | { intact: true; rows: number }
  | { intact: false; rows: number; brokenAt: { id: string | null; seq: number; reason: string } };

/**
 * Checks `rows` (ordered by seq) against `head`, with `expectedHash` giving the hash a row must
 * carry (null: the row's scheme is not accepted here, and `schemeReason` says why).
 */
function checkChain(
  rows: StoredAuditRow[],
  head: ChainHead,
  expectedHash: (fields: AuditRow, scheme: AuditHashScheme) => string | null,
  schemeReason: string,
): ChainVerdict {
  let previous: StoredAuditRow | undefined;
  const broken = (row: StoredAuditRow | undefined, reason: string): ChainVerdict => ({
    intact: false,
    rows: rows.length,
    brokenAt: { id: row?.id ?? null, seq: row?.seq ?? 0, reason },
  });
  for (const row of rows) {
    const { id: _id, hash, hashScheme, ...fields } = row;
    if (row.seq !== (previous?.seq ?? 0) + 1)
      return broken(row, `seq ${row.seq} follows ${previous?.seq ?? 'nothing'}`);
    if (row.prevHash !== (previous?.hash ?? null))
      return broken(row, 'prev_hash does not match the previous row');
    const expected = expectedHash(fields, hashScheme);
    if (expected === null) return broken(row, schemeReason);
    if (expected !== hash) return broken(row, 'hash does not match the row: the row was changed');
    previous = row;
  }
  if (previous?.seq !== head.version) {
    return broken(
      previous,
      `the chain ends at seq ${previous?.seq ?? 0} but the case is at version ${head.version}: rows were removed`,
    );
  }
  if (previous.toState !== head.state) {
    return broken(
      previous,
      `the chain ends in state ${previous.toState} but the case is in ${head.state}: the case row was changed`,
    );
  }
  return { intact: true, rows: rows.length };
}

/**
 * Checks one case's audit rows (ordered by seq) under `key` (AUDIT_KEY): seq runs 1, 2, 3 …
 * without gaps, each row's `prevHash` is the previous row's `hash` (null for the first), each
 * `hash` is the HMAC of its own canonical row, and the chain ends where the case is (`head`: the
 * last seq is the case's version, its `toState` the case's state). Names the first row that
 * fails, so an edited, removed, inserted or re-hashed row is found (DESIGN invariant 6); a row
 * still under the legacy plain SHA-256 scheme does not verify (docs/AUDIT.md).
 */
export function verifyChain(rows: StoredAuditRow[], key: Buffer, head: ChainHead): ChainVerdict {
  return checkChain(
    rows,
    head,
    (fields, scheme) => (scheme === 'hmac-sha256' ? auditHash(fields, key) : null),
    'the row is hashed with plain SHA-256, not signed under AUDIT_KEY: written before the upgrade and not re-signed (its chain was broken then), or rewritten since',
  );
}

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
