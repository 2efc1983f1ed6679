import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { authorityRefusal } from '@app/catalogue';
import { AppConfig, assertMay, beijingDate, NotAllowed, PiiCipher } from '@app/common';
import {
  applicantDigest,
  ApplicationEntity,
  auditKeyFrom,
  JurisdictionEntity,
  ServiceItemEntity,
  WindowEntity,
  writingKeyInService,
} from '@app/db';
import {
  allowedEvents,
  persistSnapshot,
  startCase,
  type CaseEventType,
  type MaterialIn,
} from '@app/workflow';
import type { Actor } from './actor';
import { invalidField, piiKeyRetired } from './case-errors';
import { insertFirstAuditRow, storeMaterials } from './case-records';
import { once, type AnswerCodec, type IdempotencyRequest } from './idempotency';

/** The applicant as the window records them. Validated at the edge (DTO) before it gets here. */
export interface ApplicantIn {
  name: string;
  /** Only `resident_id` (居民身份证) for now. */
  idType: 'resident_id';
  /** 18 characters per GB 11643, check digit verified. */
  idNumber: string;
  phone: string;
}

/** 收件: what the clerk logs at the window. */
export interface ReceiveApplicationCommand {
  itemCode: string;
  /** The receiving window; the clerk's own when absent, and it must be their own. */
  windowCode?: string;
  jurisdictionCode: string;
  applicant: ApplicantIn;
  materials: MaterialIn[];
}

/** The acknowledgement receipt (受理回执): what the applicant takes home. */
export interface Receipt {
  id: string;
  caseNumber: string;
  queryCode: string;
  state: string;
  version: number;
  allowedEvents: CaseEventType[];
}

/**
 * Receives an application at a window (收件): creates the case in `received`, its materials and
 * its first audit row (`RECEIVE`) in one transaction. The RECEIVE row signs the item, window and
 * home jurisdiction codes and a keyed digest of the applicant (`applicantDigest`), which
 * verification compares with the case row (docs/AUDIT.md).
 */
@Injectable()
export class ReceiveApplicationService {
  /** AUDIT_KEY as bytes: signs the first audit row. */
  private readonly auditKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
    config: AppConfig,
  ) {
    this.auditKey = auditKeyFrom(config.AUDIT_KEY);
  }

  /**
   * Receives `cmd` at the clerk's own window (`actor.scope`).
   * @throws NotAllowed (403) the actor is not a clerk, or names a window other than theirs
   * @throws InvalidInput (400, field named) unknown item, window or jurisdiction; an item on
   *   the negative list for proxy acceptance (负面清单); a jurisdiction that does not hold the item's
   *   authority (`authorityRefusal`: not its lead department, not at the level the annex's note
   *   requires, or the power lies with a named provincial or national body)
   * @throws RequestMismatch (422) the Idempotency-Key was used with another request
   * @throws Unavailable (503 pii_key_retired) this process's PII_KEY was retired by a
   *   rotation since it started: nothing is written
   */
  async receive(
    cmd: ReceiveApplicationCommand,
    actor: Actor,
    idempotency?: IdempotencyRequest,
  ): Promise<Receipt> {
    assertMay(actor, 'receive');
    const windowCode = actor.scope.windowCode;
    if (cmd.windowCode !== undefined && cmd.windowCode !== windowCode) {
      throw new NotAllowed(
        'not_your_window',
        `windowCode: you receive at ${windowCode}, not at ${cmd.windowCode}`,
        [{ field: 'windowCode', message: 'not your window' }],
      );
    }
    return this.dataSource.transaction((m) =>
      once(m, idempotency, () => this.receiveIn(m, { ...cmd, windowCode }, actor), this.sealedReceipt),
    );
  }

  /**
   * A receipt kept for an Idempotency-Key replay holds its query code encrypted (PiiCipher), never
   * in clear: the retry of a receive whose answer was lost still gets the code to print.
   */
  private readonly sealedReceipt: AnswerCodec<Receipt> = {
    store: ({ queryCode, ...receipt }) => ({ ...receipt, sealedQueryCode: this.pii.encrypt(queryCode) }),
    replay: (stored) => {
      const { sealedQueryCode, ...receipt } = stored as Omit<Receipt, 'queryCode'> & {
        sealedQueryCode: string;
      };
      return { ...receipt, queryCode: this.pii.decrypt(sealedQueryCode) };
    },
  };

  private async receiveIn(
    m: EntityManager,
    cmd: ReceiveApplicationCommand & { windowCode: string },
    actor: Actor,
  ): Promise<Receipt> {
    const { item, window } = await this.checkReferences(m, cmd);
    if (!(await writingKeyInService(m, this.pii))) throw piiKeyRetired();
    const required = item.checklist.filter((x) => x.required).map(({ name, form }) => ({ name, form }));
    const step = startCase({
      itemCode: item.code,
      requiredMaterials: required,
      materialsHandedIn: cmd.materials,
      originalsMustTravel: item.originalsMustTravel,
      resultDeliveryMethods: item.resultDeliveryMethods,
    });
    const caseNumber = await this.nextCaseNumber(m, window.divisionCode);
    // Answered once, on the receipt; kept only as a keyed hash (issue 10 item 10).
    const queryCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const app = m.create(ApplicationEntity, {
      caseNumber,
      queryCodeHash: this.pii.queryCodeHash(caseNumber, queryCode),
      itemCode: item.code,
      windowCode: cmd.windowCode,
      jurisdictionCode: cmd.jurisdictionCode,
      applicantName: cmd.applicant.name,
      applicantIdType: cmd.applicant.idType,
      applicantIdNumber: this.pii.encrypt(cmd.applicant.idNumber),
      applicantIdHash: this.pii.lookupHash(cmd.applicant.idNumber),
      applicantPhone: this.pii.encrypt(cmd.applicant.phone),
      state: step.state,
      snapshot: persistSnapshot(step.snapshot),
      machineVersion: persistSnapshot(step.snapshot).machineVersion,
      version: 1,
    });
    await m.insert(ApplicationEntity, app);
    await storeMaterials(m, app.id, cmd.materials, 'receive');
    await insertFirstAuditRow(
      m,
      {
        applicationId: app.id,
        eventId: null,
        type: 'RECEIVE',
        fromState: null,
        toState: step.state,
        actorRole: actor.role,
        actorId: actor.id,
        payload: {
          caseNumber,
          itemCode: item.code,
          windowCode: cmd.windowCode,
          jurisdictionCode: cmd.jurisdictionCode,
          materials: cmd.materials.map((x) => x.name),
          // Signs who applied without holding it in clear: verify-history compares the case row's
          // applicant (decrypted) with it, so a changed name, ID or phone is found.
          applicantDigest: applicantDigest(app.id, cmd.applicant, this.auditKey),
        },
        occurredAt: app.createdAt,
      },
      this.auditKey,
    );
    return {
      id: app.id,
      caseNumber: app.caseNumber,
      queryCode,
      state: app.state,
      version: app.version,
      allowedEvents: allowedEvents(step.snapshot, actor.role),
    };
  }

  private async checkReferences(m: EntityManager, cmd: ReceiveApplicationCommand & { windowCode: string }) {
    const item = await m.findOneBy(ServiceItemEntity, { code: cmd.itemCode });
    if (!item) throw invalidField('itemCode', `unknown service item ${cmd.itemCode}`);
    if (item.negativeList || !item.handlingModes.includes('proxy')) {
      throw invalidField(
        'itemCode',
        `${item.name} is on the negative list for proxy acceptance (异地代收代办负面清单)`,
      );
    }
    const window = await m.findOneBy(WindowEntity, { code: cmd.windowCode });
    if (!window) throw invalidField('windowCode', `unknown receiving window ${cmd.windowCode}`);
    const jurisdiction = await m.findOneBy(JurisdictionEntity, { code: cmd.jurisdictionCode });
    if (!jurisdiction)
      throw invalidField('jurisdictionCode', `unknown home jurisdiction ${cmd.jurisdictionCode}`);
    const refusal = authorityRefusal(item, jurisdiction);
    if (refusal) throw invalidField('jurisdictionCode', `${item.name}: ${refusal}`);
    return { item, window, jurisdiction };
  }

  /** `<division code>-<yyyymmdd in Asia/Shanghai>-<6-digit sequence>`, e.g. 330902-20261129-000042. */
  private async nextCaseNumber(m: EntityManager, divisionCode: string): Promise<string> {
    const [{ n }] = await m.query(`SELECT nextval('case_number_seq')::text AS n`);
    const day = beijingDate(new Date()).replace(/-/g, '');
    return `${divisionCode}-${day}-${String(n).padStart(6, '0')}`;
  }
}
