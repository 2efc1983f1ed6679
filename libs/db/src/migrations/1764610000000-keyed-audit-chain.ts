import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig } from '@app/common';
import { auditKeyFrom } from '../audit-chain';
import { signLegacyChains } from './legacy-audit-chains';

/**
 * The audit chain keyed with AUDIT_KEY (HMAC-SHA256) instead of plain SHA-256 (issue 10 item 2).
 * Existing rows are marked `sha256`; every intact legacy chain is then re-signed under the key of
 * the environment that migrates, once, here (a later step that re-signed legacy rows would also
 * sign a chain someone rewrote with plain SHA-256 since). A broken chain is left as it is and named
 * on stderr: `verify-history` keeps reporting it.
 */
export class KeyedAuditChain1764610000000 implements MigrationInterface {
  name = 'KeyedAuditChain1764610000000';

  async up(q: QueryRunner): Promise<void> {
    const key = auditKeyFrom(loadConfig().AUDIT_KEY);
    await q.query(`ALTER TABLE case_events ADD COLUMN hash_scheme text NOT NULL DEFAULT 'sha256'`);
    await q.query(`ALTER TABLE case_events ALTER COLUMN hash_scheme DROP DEFAULT`);
    await q.query(
      `ALTER TABLE case_events ADD CONSTRAINT case_events_hash_scheme_check
         CHECK (hash_scheme IN ('hmac-sha256', 'sha256'))`,
    );
    const { refused } = await signLegacyChains(q.manager, key);
    for (const r of refused) {
      process.stderr.write(
        `audit chain of ${r.caseNumber} (${r.applicationId}) not re-signed: ${r.reason}\n`,
      );
    }
  }

  /** Drops the scheme; the keyed hashes stay (the older code reports them as changed rows). */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events DROP COLUMN hash_scheme`);
  }
}
