import type { DataSource } from 'typeorm';
import { DEVELOPMENT_AUDIT_KEY } from '@app/common';
import { auditHash, auditKeyFrom, auditRows } from '@app/db';

/**
 * Rewrites the RECEIVE row of case `caseId` without payload key `key`, signed under the development
 * AUDIT_KEY: the row as the code before that key existed wrote it.
 * @returns the value the key had
 */
export async function receiveRowWithout(
  dataSource: DataSource,
  caseId: string,
  key: string,
): Promise<unknown> {
  const [row] = await auditRows(dataSource, caseId);
  const { id, hash: _hash, hashScheme: _scheme, ...fields } = row;
  const { [key]: removed, ...payload } = fields.payload;
  await dataSource.query(`UPDATE case_events SET payload = $2, hash = $3 WHERE id = $1`, [
    id,
    payload,
    auditHash({ ...fields, payload }, auditKeyFrom(DEVELOPMENT_AUDIT_KEY)),
  ]);
  return removed;
}

/** Inserts a scan of case `caseId` straight into `scans`, outside the write path, with digest `sha256`. */
export async function slipScan(dataSource: DataSource, caseId: string, material: string, sha256: string) {
  await dataSource.query(
    `INSERT INTO scans (application_id, material_name, content_type, bytes, sha256, storage_key)
     VALUES ($1, $2, 'image/png', 10, $3, $4)`,
    [caseId, material, sha256, `${caseId}/${sha256}.png`],
  );
}
