import type { EntityManager } from 'typeorm';
import { encryptedValuePrefix, queryCodeHashPrefix } from '@app/common';

/** A case's applicant ID and phone numbers as stored: encrypted (PiiCipher). */
export interface StoredApplicantPii {
  /** The case (applications.id). */
  id: string;
  idNumber: string;
  phone: string;
}

/**
 * The applicant's personal data on the case rows (`applications`: ID and phone numbers encrypted,
 * the ID lookup hash, the query-code hash) as a PII key rotation reads and rewrites it, by the key
 * each value is under. Works through `m`, the caller's transaction manager or the data source's.
 */
export class ApplicantPiiRepository {
  constructor(private readonly m: EntityManager) {}

  /**
   * Up to `limit` cases whose ID or phone number is encrypted under another key than `keyId`, in
   * id order, their rows locked until the caller's transaction ends.
   */
  async lockUnderOtherKeys(keyId: string, limit: number): Promise<StoredApplicantPii[]> {
    const rows: { id: string; applicant_id_number: string; applicant_phone: string }[] = await this.m.query(
      `SELECT id, applicant_id_number, applicant_phone FROM applications
        WHERE applicant_id_number NOT LIKE $1 OR applicant_phone NOT LIKE $1
        ORDER BY id LIMIT $2 FOR UPDATE`,
      [`${encryptedValuePrefix(keyId)}%`, limit],
    );
    return rows.map((r) => ({ id: r.id, idNumber: r.applicant_id_number, phone: r.applicant_phone }));
  }

  /** Stores case `id`'s ID and phone numbers as encrypted anew, and its ID lookup hash `idHash`. */
  async rewrite(pii: StoredApplicantPii, idHash: string): Promise<void> {
    await this.m.query(
      `UPDATE applications SET applicant_id_number = $2, applicant_phone = $3, applicant_id_hash = $4
        WHERE id = $1`,
      [pii.id, pii.idNumber, pii.phone, idHash],
    );
  }

  /** How many cases have their ID or phone number encrypted under another key than `keyId`. */
  async countUnderOtherKeys(keyId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await this.m.query(
      `SELECT count(*)::int AS n FROM applications WHERE applicant_id_number NOT LIKE $1 OR applicant_phone NOT LIKE $1`,
      [`${encryptedValuePrefix(keyId)}%`],
    );
    return n;
  }

  /** How many query codes are hashed under each key other than `keyId`, by key id (in order). */
  async queryCodesUnderOtherKeys(keyId: string): Promise<Record<string, number>> {
    const rows: { key_id: string; n: number }[] = await this.m.query(
      `SELECT split_part(query_code_hash, ':', 1) AS key_id, count(*)::int AS n FROM applications
        WHERE query_code_hash NOT LIKE $1 GROUP BY 1 ORDER BY 1`,
      [`${queryCodeHashPrefix(keyId)}%`],
    );
    return Object.fromEntries(rows.map((r) => [r.key_id, r.n]));
  }
}
