import { AuditService, type CaseChainVerdict } from '@app/cases';
import { loadConfig } from '@app/common';
import { withDataSource } from '@app/db';

/**
 * `verify-history [caseId]`: verifies the audit chain of one case or of every case under
 * `auditKey` (AUDIT_KEY, base64; the environment's by default), prints each broken chain with the
 * first row that breaks it, and resolves to the number of broken chains.
 */
export async function verifyHistory(
  databaseUrl: string,
  caseId?: string,
  auditKey = loadConfig().AUDIT_KEY,
): Promise<number> {
  return withDataSource(databaseUrl, async (dataSource) => {
    const audit = new AuditService(dataSource, Object.assign(loadConfig(), { AUDIT_KEY: auditKey }));
    let checked = 0;
    let broken = 0;
    const report = (v: CaseChainVerdict) => {
      checked++;
      if (v.verdict.intact) return;
      broken++;
      const b = v.verdict.brokenAt;
      process.stdout.write(
        `BROKEN ${v.caseNumber} (${v.applicationId}): row id ${b.id}, seq ${b.seq}: ${b.reason}\n`,
      );
    };
    if (caseId) report(await audit.verifyCase(caseId, { kind: 'all' }));
    else for await (const verdict of audit.verifyAll()) report(verdict);
    process.stdout.write(`${checked} case(s) checked, ${broken} broken\n`);
    return broken;
  });
}
