import { createHash, createHmac } from 'node:crypto';
import { checkRecords, type RecordedFacts } from './history-records';

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

/** The applicant's fields signed since the first RECEIVE rows: name, ID type and number, phone. */
interface FirstApplicantFacts {
  name: string;
  idType: string;
  idNumber: string;
  phone: string;
}

/**
 * The applicant's fields signed since issue 13, each a case-row column's plaintext: the kind
 * (natural or legal person), and the JSON of the rest of the applicant, of the agent and of the
 * mailing address (applicant.ts of libs/cases); absent (undefined) when the case has none, so a
 * RECEIVE row that predates them signs no such field, and verification then asks the column to
 * hold its default (EXTENDED_APPLICANT_COLUMNS).
 */
interface LaterApplicantFacts {
  kind?: string;
  details?: string;
  agent?: string;
  mailingAddress?: string;
}

/** The applicant as received (ApplicantIn and the agent and mailing address of receive-case.service), in plaintext. */
export type ApplicantFacts = FirstApplicantFacts & LaterApplicantFacts;

/**
 * The applicant as the case row holds it now, personal data decrypted; `null` for a value that
 * no configured PII key reads (altered in the database, or its key is missing); undefined for a
 * later field the case does not have (its column at its default).
 */
export type StoredApplicantFacts = { [K in keyof FirstApplicantFacts]: FirstApplicantFacts[K] | null } & {
  [K in keyof LaterApplicantFacts]?: string | null;
};

/**
 * What the case row says about the case, which its RECEIVE row signed when it was received: the
 * chain's end (version, state), the case number, the item, the receiving window, the home
 * jurisdiction and the applicant; and its scans and evaluation, which its SCAN_UPLOADED and
 * EVALUATED rows recorded (history-records.ts).
 */
export interface CaseFacts extends ChainHead, RecordedFacts {
  /** The number on the paper receipt, by which staff and the applicant name the case. */
  caseNumber: string;
  itemCode: string;
  windowCode: string;
  jurisdictionCode: string;
  applicant: StoredApplicantFacts;
}

/**
 * The verdict on one case's chain: intact, or the first row that breaks it and why. An intact
 * chain whose RECEIVE row was written before it signed some facts of the case lists their columns
 * in `unsigned` (a change to those is not detected: docs/AUDIT.md).
 */
export type ChainVerdict =
  | { intact: true; rows: number; unsigned?: string[] }
  | { intact: false; rows: number; brokenAt: { id: string | null; seq: number; reason: string } };

/** Case-row columns signed by the RECEIVE row's payload, by payload key. */
const SIGNED_CODES = [
  ['caseNumber', 'case_number'],
  ['itemCode', 'item_code'],
  ['windowCode', 'window_code'],
  ['jurisdictionCode', 'jurisdiction_code'],
] as const;

/** Case-row columns of the applicant, by field of the RECEIVE row's `applicantDigest`. */
const APPLICANT_COLUMNS = [
  ['name', 'applicant_name'],
  ['idType', 'applicant_id_type'],
  ['idNumber', 'applicant_id_number'],
  ['phone', 'applicant_phone'],
] as const;

/**
 * Case-row columns of the applicant signed since issue 13, by field of `applicantDigest`, with the
 * value a column holds when the case has none (a digest without the field asks for it).
 */
const EXTENDED_APPLICANT_COLUMNS = [
  ['kind', 'applicant_kind', 'natural_person'],
  ['details', 'applicant_details', undefined],
  ['agent', 'agent', undefined],
  ['mailingAddress', 'mailing_address', undefined],
] as const;

/** The RECEIVE row's keyed digest of the applicant: one HMAC-SHA256 (hex) per field it has. */
export type ApplicantDigest = Record<keyof FirstApplicantFacts, string> & {
  [K in keyof LaterApplicantFacts]?: string;
};

/** HMAC-SHA256 (hex) under `key` of one applicant field's plaintext, bound to its case. */
function applicantFieldDigest(
  applicationId: string,
  field: keyof ApplicantFacts,
  value: string,
  key: Buffer,
) {
  return createHmac('sha256', key).update(canonicalJson({ applicationId, field, value })).digest('hex');
}

/**
 * The keyed digest of `applicant` as received into case `applicationId`, for the RECEIVE row's
 * payload (`applicantDigest`): per field, HMAC-SHA256 under `key` (AUDIT_KEY) of the canonical JSON
 * of the case id, the field and its plaintext. Keyed, because an unkeyed digest of an ID or phone
 * number could be walked through every possible number; per field, so verification names the
 * field that changed; bound to the case, so equal digests do not link two cases of one person.
 * Over the plaintext, so rotating PII_KEY (which re-encrypts) leaves it valid.
 */
export function applicantDigest(
  applicationId: string,
  applicant: ApplicantFacts,
  key: Buffer,
): ApplicantDigest {
  const digest = (field: keyof ApplicantFacts, value: string) =>
    applicantFieldDigest(applicationId, field, value, key);
  const signed: ApplicantDigest = {
    name: digest('name', applicant.name),
    idType: digest('idType', applicant.idType),
    idNumber: digest('idNumber', applicant.idNumber),
    phone: digest('phone', applicant.phone),
  };
  for (const [field] of EXTENDED_APPLICANT_COLUMNS) {
    const value = applicant[field];
    if (value !== undefined) signed[field] = digest(field, value);
  }
  return signed;
}

/**
 * Compares the case row's facts with what `receive` (the chain's first row, already verified)
 * signed: the case number and the item, window and jurisdiction codes in its payload, and the applicant against its
 * `applicantDigest`. Returns why they differ (naming the column), or the columns it does not sign.
 */
function checkFacts(
  receive: StoredAuditRow,
  facts: CaseFacts,
  key: Buffer,
): { differs: string } | { unsigned: string[] } {
  if (receive.type !== 'RECEIVE') return { differs: `the first row is ${receive.type}, not RECEIVE` };
  const differs = (column: string) => ({ differs: `${column} differs from what the RECEIVE row signed` });
  const payload = receive.payload;
  const unsigned: string[] = [];
  for (const [field, column] of SIGNED_CODES) {
    if (payload[field] === undefined) unsigned.push(column);
    else if (payload[field] !== facts[field]) return differs(column);
  }
  const signed = payload.applicantDigest as Partial<ApplicantDigest> | undefined;
  if (signed === undefined)
    return { unsigned: [...unsigned, ...APPLICANT_COLUMNS.map(([, column]) => column)] };
  for (const [field, column] of APPLICANT_COLUMNS) {
    const value = facts.applicant[field];
    if (value === null) {
      return {
        differs: `${column} cannot be decrypted with the configured PII keys: it was changed, or its key is missing`,
      };
    }
    if (signed[field] !== applicantFieldDigest(receive.applicationId, field, value, key))
      return differs(column);
  }
  for (const [field, column, absent] of EXTENDED_APPLICANT_COLUMNS) {
    const value = facts.applicant[field];
    if (value === null) {
      return {
        differs: `${column} cannot be decrypted with the configured PII keys: it was changed, or its key is missing`,
      };
    }
    const expected = signed[field];
    if (
      expected === undefined
        ? (value ?? absent) !== absent
        : expected !== applicantFieldDigest(receive.applicationId, field, value ?? '', key)
    ) {
      return differs(column);
    }
  }
  return { unsigned };
}

/**
 * Checks `rows` (ordered by seq) against `head`, with `expectedHash` giving the hash a row must
 * carry (null: the row's scheme is not accepted here, and `schemeReason` says why).
 */
export function checkChain(
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
 * `hash` is the HMAC of its own canonical row, the chain ends where the case is (`facts`: the
 * last seq is the case's version, its `toState` the case's state), and the case row still holds
 * what its RECEIVE row signed (item, window and home jurisdiction codes; the applicant, against
 * the row's keyed `applicantDigest`), and the case's scans and evaluation are what its
 * SCAN_UPLOADED and EVALUATED rows recorded (checkRecords). Names the first row that fails, so an
 * edited, removed, inserted or re-hashed row is found, and a changed fact of the case is named by
 * its column against the RECEIVE row (DESIGN invariant 6); a row still under the legacy plain
 * SHA-256 scheme does not verify (docs/AUDIT.md). A RECEIVE row written before it signed a fact
 * leaves the chain intact, with that fact's columns (or table) in `unsigned`.
 */
export function verifyChain(rows: StoredAuditRow[], key: Buffer, facts: CaseFacts): ChainVerdict {
  const verdict = checkChain(
    rows,
    facts,
    (fields, scheme) => (scheme === 'hmac-sha256' ? auditHash(fields, key) : null),
    'the row is hashed with plain SHA-256, not signed under AUDIT_KEY: written before the upgrade and not re-signed (its chain was broken then), or rewritten since',
  );
  if (!verdict.intact) return verdict;
  const receive = rows[0];
  const checked = checkFacts(receive, facts, key);
  const broken = (row: { id: string; seq: number }, reason: string): ChainVerdict => ({
    intact: false,
    rows: rows.length,
    brokenAt: { id: row.id, seq: row.seq, reason },
  });
  if ('differs' in checked) return broken(receive, checked.differs);
  const records = checkRecords(rows, facts);
  if ('differs' in records) return broken(records.differs.row, records.differs.reason);
  const unsigned = [...checked.unsigned, ...records.unsigned];
  return unsigned.length > 0 ? { ...verdict, unsigned } : verdict;
}
