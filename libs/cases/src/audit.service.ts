import { Injectable } from '@nestjs/common';
import { AppConfig, PiiCipher } from '@app/common';
import { auditKeyFrom, verifyChain, type CaseFacts, type ChainVerdict } from '@app/db';
import type { CaseScope } from './actor';
import { CaseRepository, type CaseRecord } from './case.repository';

/** One case's verdict with its identity. */
export interface CaseChainVerdict {
  /** The case (the published field name of the verify answer). */
  applicationId: string;
  caseNumber: string;
  verdict: ChainVerdict;
}

const PAGE = 500;

/**
 * Verifies the tamper-evident histories (DESIGN invariant 6) of one case or of every case: each
 * chain under AUDIT_KEY, its end against the case row (version and state), the case row's item,
 * window, home jurisdiction and applicant against what its RECEIVE row signed, and its scans and
 * evaluation against its SCAN_UPLOADED and EVALUATED rows (the verdict itself is `verifyChain`'s).
 */
@Injectable()
export class AuditService {
  private readonly auditKey: Buffer;

  constructor(
    private readonly cases: CaseRepository,
    private readonly pii: PiiCipher,
    config: AppConfig,
  ) {
    this.auditKey = auditKeyFrom(config.AUDIT_KEY);
  }

  /**
   * Verifies the chain of case `caseId`, within `scope` (the operator's CLI: all).
   * @throws NotFound (404) unknown case, or out of scope (the same answer)
   */
  async verifyCase(caseId: string, scope: CaseScope): Promise<CaseChainVerdict> {
    const app = await this.cases.getInScope(caseId, scope);
    const [verdict] = await this.verifyPage([app]);
    return verdict;
  }

  /** Every case, in pages of 500; yields each case's verdict in id order. */
  async *verifyAll(): AsyncGenerator<CaseChainVerdict> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const apps = await this.cases.casesAfter(after, PAGE);
      if (apps.length === 0) return;
      yield* await this.verifyPage(apps);
      after = apps[apps.length - 1].id;
    }
  }

  private async verifyPage(apps: CaseRecord[]): Promise<CaseChainVerdict[]> {
    const ids = apps.map((a) => a.id);
    const [rows, scans, evaluations] = await Promise.all([
      this.cases.history(ids),
      this.cases.scansOf(ids),
      this.cases.evaluationsOf(ids),
    ]);
    return apps.map((app) => ({
      applicationId: app.id,
      caseNumber: app.caseNumber,
      verdict: verifyChain(
        rows.filter((r) => r.applicationId === app.id),
        this.auditKey,
        this.factsOf(
          app,
          scans.filter((s) => s.caseId === app.id),
          evaluations.find((e) => e.caseId === app.id),
        ),
      ),
    }));
  }

  /** The case's facts as stored, personal data decrypted (null where no configured key reads it). */
  private factsOf(
    app: CaseRecord,
    scans: CaseFacts['scans'],
    evaluation: CaseFacts['evaluation'] | undefined,
  ): CaseFacts {
    const readable = (stored: string) => {
      try {
        return this.pii.decrypt(stored);
      } catch {
        return null; // verifyChain names the column
      }
    };
    return {
      version: app.version,
      state: app.state,
      caseNumber: app.caseNumber,
      itemCode: app.itemCode,
      windowCode: app.windowCode,
      jurisdictionCode: app.jurisdictionCode,
      applicant: {
        name: app.applicantName,
        idType: app.applicantIdType,
        idNumber: readable(app.applicantIdNumber),
        phone: readable(app.applicantPhone),
        kind: app.applicantKind,
        details: app.applicantDetails === null ? undefined : readable(app.applicantDetails),
        agent: app.agent === null ? undefined : readable(app.agent),
        mailingAddress: app.mailingAddress === null ? undefined : readable(app.mailingAddress),
      },
      scans: scans.map(({ materialName, sha256, contentType, bytes }) => ({
        materialName,
        sha256,
        contentType,
        bytes,
      })),
      evaluation: evaluation
        ? {
            windowGrade: evaluation.windowGrade,
            jurisdictionGrade: evaluation.jurisdictionGrade,
            comment: evaluation.comment,
          }
        : null,
    };
  }
}
