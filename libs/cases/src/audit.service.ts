import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThan } from 'typeorm';
import { AppConfig, PiiCipher } from '@app/common';
import {
  ApplicationEntity,
  auditKeyFrom,
  CaseEventEntity,
  verifyChain,
  type CaseFacts,
  type ChainVerdict,
} from '@app/db';
import type { CaseScope } from './actor';
import { caseInScope } from './case-scope';

/** One case's verdict with its identity. */
export interface CaseChainVerdict {
  applicationId: string;
  caseNumber: string;
  verdict: ChainVerdict;
}

const PAGE = 500;

/** The columns of a case row that verification reads: its identity and the facts its chain signs. */
const CASE_COLUMNS = {
  id: true,
  caseNumber: true,
  state: true,
  version: true,
  itemCode: true,
  windowCode: true,
  jurisdictionCode: true,
  applicantName: true,
  applicantIdType: true,
  applicantIdNumber: true,
  applicantPhone: true,
} as const satisfies Partial<Record<keyof ApplicationEntity, true>>;

type CaseRow = Pick<ApplicationEntity, keyof typeof CASE_COLUMNS>;

/**
 * Verifies the tamper-evident audit chains (DESIGN invariant 6) of one case or of every case:
 * each chain under AUDIT_KEY, its end against the case row (version and state), and the case
 * row's item, window, home jurisdiction and applicant against what its RECEIVE row signed (the
 * verdict itself is `verifyChain`'s).
 */
@Injectable()
export class AuditService {
  private readonly auditKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
    config: AppConfig,
  ) {
    this.auditKey = auditKeyFrom(config.AUDIT_KEY);
  }

  /**
   * Verifies the chain of case `applicationId`, within `scope` (the operator's CLI: all).
   * @throws NotFound (404) unknown case, or out of scope (the same answer)
   */
  async verifyCase(applicationId: string, scope: CaseScope): Promise<CaseChainVerdict> {
    const app = await caseInScope(this.dataSource.manager, applicationId, scope);
    const [verdict] = await this.verifyPage([app]);
    return verdict;
  }

  /** Every case, in pages of 500; yields each case's verdict in id order. */
  async *verifyAll(): AsyncGenerator<CaseChainVerdict> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const apps = await this.dataSource.manager.find(ApplicationEntity, {
        where: { id: MoreThan(after) },
        order: { id: 'ASC' },
        take: PAGE,
        select: CASE_COLUMNS,
      });
      if (apps.length === 0) return;
      yield* await this.verifyPage(apps);
      after = apps[apps.length - 1].id;
    }
  }

  private async verifyPage(apps: CaseRow[]): Promise<CaseChainVerdict[]> {
    const rows = await this.dataSource.manager.find(CaseEventEntity, {
      where: { applicationId: In(apps.map((a) => a.id)) },
      order: { applicationId: 'ASC', seq: 'ASC' },
    });
    return apps.map((app) => ({
      applicationId: app.id,
      caseNumber: app.caseNumber,
      verdict: verifyChain(
        rows.filter((r) => r.applicationId === app.id),
        this.auditKey,
        this.factsOf(app),
      ),
    }));
  }

  /** The case row's facts, personal data decrypted (null where no configured key reads it). */
  private factsOf(app: CaseRow): CaseFacts {
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
      },
    };
  }
}
