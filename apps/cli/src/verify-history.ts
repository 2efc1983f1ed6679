import { AuditService, type CaseChainVerdict } from '@app/cases';
import { withDataSource } from '@app/db';

/**
 * `verify-history [caseId]`: verifies the audit chain of one case or of every case, prints each
 * broken chain with the first row that breaks it, and resolves to the number of broken chains.
 */
export async function verifyHistory(databaseUrl: string, caseId?: string): Promise<number> {
  return withDataSource(databaseUrl, async (dataSource) => {
    const audit = new AuditService(dataSource);
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
