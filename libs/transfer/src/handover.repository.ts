import type { EntityManager } from 'typeorm';
import type { HandoverKeyCertificate, HandoverReceiptBody, SigningPartyKind } from './handovers';

/** A party's signing key as `signing_keys` keeps it: the certificate, and the private key encrypted. */
export interface StoredSigningKey {
  certificate: HandoverKeyCertificate;
  /** The private key's seed, encrypted (as HandoverSigner wraps it): never the seed itself. */
  encryptedPrivateKey: string;
  createdAt: Date;
  retiredAt: Date | null;
}

interface SigningKeyRow {
  key_id: string;
  party_kind: SigningPartyKind;
  party_code: string;
  public_key: string;
  private_key: string;
  valid_from: Date;
  root_key_id: string;
  certificate: string;
  created_at: Date;
  retired_at: Date | null;
}

const KEY_COLUMNS = `key_id, party_kind, party_code, public_key, private_key, valid_from, root_key_id,
                     certificate, created_at, retired_at`;

const toKey = (r: SigningKeyRow): StoredSigningKey => ({
  certificate: {
    keyId: r.key_id,
    party: { kind: r.party_kind, code: r.party_code },
    publicKey: r.public_key,
    validFrom: r.valid_from.toISOString(),
    rootKeyId: r.root_key_id,
    certificate: r.certificate,
  },
  encryptedPrivateKey: r.private_key,
  createdAt: r.created_at,
  retiredAt: r.retired_at,
});

/**
 * The signing keys of windows and jurisdictions (`signing_keys`): at most one active per party
 * (the partial unique index signing_keys_one_active), retired ones kept. Works through `m`, the
 * caller's transaction manager or the data source's.
 */
export class SigningKeyRepository {
  constructor(private readonly m: EntityManager) {}

  /** The active key of party `kind` `code`, or null. */
  async active(kind: SigningPartyKind, code: string): Promise<StoredSigningKey | null> {
    const rows: SigningKeyRow[] = await this.m.query(
      `SELECT ${KEY_COLUMNS} FROM signing_keys WHERE party_kind = $1 AND party_code = $2 AND retired_at IS NULL`,
      [kind, code],
    );
    return rows[0] ? toKey(rows[0]) : null;
  }

  /** Every key of party `kind` `code`, oldest first. */
  async ofParty(kind: SigningPartyKind, code: string): Promise<StoredSigningKey[]> {
    const rows: SigningKeyRow[] = await this.m.query(
      `SELECT ${KEY_COLUMNS} FROM signing_keys WHERE party_kind = $1 AND party_code = $2
        ORDER BY created_at, key_id`,
      [kind, code],
    );
    return rows.map(toKey);
  }

  /**
   * Adds `key` as its party's active key, unless the party has one: two transactions adding one at
   * once both wait on the unique index, and the second adds nothing (READ COMMITTED: it then reads
   * the first's key with `active`).
   * @returns true when added, false when the party had an active key
   */
  async addActive(key: HandoverKeyCertificate, encryptedPrivateKey: string): Promise<boolean> {
    const rows: unknown[] = await this.m.query(
      `INSERT INTO signing_keys (key_id, party_kind, party_code, public_key, private_key, valid_from,
                                 root_key_id, certificate)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (party_kind, party_code) WHERE retired_at IS NULL DO NOTHING
       RETURNING key_id`,
      [
        key.keyId,
        key.party.kind,
        key.party.code,
        key.publicKey,
        encryptedPrivateKey,
        key.validFrom,
        key.rootKeyId,
        key.certificate,
      ],
    );
    return rows.length === 1;
  }

  /** Retires the active key of party `kind` `code` at `at`; receipts it signed keep verifying. @returns its key id, or null when none was active */
  async retire(kind: SigningPartyKind, code: string, at: Date): Promise<string | null> {
    const rows: { key_id: string }[] = await this.m.query(
      // A CTE, so the driver answers the rows (an UPDATE alone answers [rows, count]).
      `WITH retired AS (
         UPDATE signing_keys SET retired_at = $3
          WHERE party_kind = $1 AND party_code = $2 AND retired_at IS NULL RETURNING key_id)
       SELECT key_id FROM retired`,
      [kind, code, at],
    );
    return rows[0]?.key_id ?? null;
  }
}

/** A hand-over receipt as stored, with the signer's key certificate: all a receipt file holds. */
export interface StoredHandoverReceipt {
  id: string;
  caseIds: string[];
  parcelId: string | null;
  body: HandoverReceiptBody;
  /** Ed25519 signature over the body, base64. */
  signature: string;
  signerKey: HandoverKeyCertificate;
  createdAt: Date;
}

/** A receipt to store: its signed body, signature and the cases and parcel it covers. */
export type NewHandoverReceipt = Pick<StoredHandoverReceipt, 'caseIds' | 'parcelId' | 'body' | 'signature'>;

interface ReceiptRow extends SigningKeyRow {
  id: string;
  application_ids: string[];
  parcel_id: string | null;
  body: HandoverReceiptBody;
  signature: string;
  receipt_created_at: Date;
}

const RECEIPT_SELECT = `SELECT r.id, r.application_ids, r.parcel_id, r.body, r.signature,
                               r.created_at AS receipt_created_at, ${KEY_COLUMNS.replace(/(\w+)/g, 'k.$1')}
                          FROM handover_receipts r JOIN signing_keys k ON k.key_id = r.key_id`;

const toReceipt = (r: ReceiptRow): StoredHandoverReceipt => ({
  id: r.id,
  caseIds: r.application_ids,
  parcelId: r.parcel_id,
  body: r.body,
  signature: r.signature,
  signerKey: toKey(r).certificate,
  createdAt: r.receipt_created_at,
});

/**
 * The signed hand-over receipts (`handover_receipts`): written once, never changed. Works through
 * `m`, the caller's transaction manager or the data source's.
 */
export class HandoverReceiptRepository {
  constructor(private readonly m: EntityManager) {}

  /** Stores `receipt` under its body's receiptId, signed by the key its body names. */
  async add(receipt: NewHandoverReceipt): Promise<StoredHandoverReceipt> {
    await this.m.query(
      `INSERT INTO handover_receipts (id, kind, application_ids, parcel_id, body, signature, key_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        receipt.body.receiptId,
        receipt.body.kind,
        receipt.caseIds,
        receipt.parcelId,
        receipt.body,
        receipt.signature,
        receipt.body.signer.keyId,
      ],
    );
    return (await this.find(receipt.body.receiptId))!;
  }

  /** Receipt `id`, or null. */
  async find(id: string): Promise<StoredHandoverReceipt | null> {
    const rows: ReceiptRow[] = await this.m.query(`${RECEIPT_SELECT} WHERE r.id = $1`, [id]);
    return rows[0] ? toReceipt(rows[0]) : null;
  }

  /** The receipts covering case `caseId`, in the order they were signed (`signedAt`, then id). */
  async ofCase(caseId: string): Promise<StoredHandoverReceipt[]> {
    const rows: ReceiptRow[] = await this.m.query(
      `${RECEIPT_SELECT} WHERE r.application_ids @> ARRAY[$1::uuid] ORDER BY r.body->>'signedAt', r.id`,
      [caseId],
    );
    return rows.map(toReceipt);
  }
}
