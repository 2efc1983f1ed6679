import { isUUID } from 'class-validator';
import {
  AuditService,
  CalendarService,
  CaseQueryService,
  CaseRepository,
  systemActor,
  type CaseChainVerdict,
} from '@app/cases';
import { loadConfig, piiCipherFrom } from '@app/common';
import { withDataSource } from '@app/db';

/**
 * `verify-history [case id or case number]`: verifies the audit chain of one case (named by its id
 * or by the case number on its receipt) or of every case under `auditKey` (AUDIT_KEY, base64; the
 * environment's by default), prints each broken chain with the first row that breaks it (a fact of
 * the case row that differs from what the RECEIVE row signed names that row), says how many intact
 * chains were written before the RECEIVE row signed every fact (and which facts, for one case), and
 * resolves to the number of broken chains.
 * @throws NotFound (message `case not found`) `caseRef` names no case: the command says so
 *   and exits 2, not 1 (1 means a broken chain)
 */
export async function verifyHistory(
  databaseUrl: string,
  caseRef?: string,
  auditKey = loadConfig().AUDIT_KEY,
): Promise<number> {
  return withDataSource(databaseUrl, async (dataSource) => {
    const config = Object.assign(loadConfig(), { AUDIT_KEY: auditKey });
    const pii = piiCipherFrom(config);
    const cases = CaseRepository.over(dataSource, config);
    const audit = new AuditService(cases, pii, config);
    const operator = systemActor('verify-history');
    const caseId =
      caseRef === undefined || isUUID(caseRef)
        ? caseRef
        : await new CaseQueryService(dataSource, cases, pii, new CalendarService(dataSource)).caseIdOf(
            { caseNumber: caseRef },
            operator,
          );
    let checked = 0;
    let broken = 0;
    let unsigned = 0;
    const report = (v: CaseChainVerdict) => {
      checked++;
      if (v.verdict.intact) {
        if (!v.verdict.unsigned) return;
        unsigned++;
        // One case asked for: name what its RECEIVE row does not cover; every case: count them.
        if (caseId) {
          process.stdout.write(
            `UNSIGNED ${v.caseNumber} (${v.applicationId}): ${v.verdict.unsigned.join(', ')}: not signed by its RECEIVE row (written before it signed them), so a change to them is not detected\n`,
          );
        }
        return;
      }
      broken++;
      const b = v.verdict.brokenAt;
      process.stdout.write(
        `BROKEN ${v.caseNumber} (${v.applicationId}): row id ${b.id}, seq ${b.seq}: ${b.reason}\n`,
      );
    };
    if (caseId) report(await audit.verifyCase(caseId, operator.scope));
    else for await (const verdict of audit.verifyAll()) report(verdict);
    process.stdout.write(`${checked} case(s) checked, ${broken} broken\n`);
    if (unsigned > 0) {
      process.stdout.write(
        `${unsigned} intact case(s) received before the RECEIVE row signed every fact of the case (applicant): changes to those facts are not detected (docs/AUDIT.md)\n`,
      );
    }
    return broken;
  });
}
