import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { authorityRefusal, CatalogueRepository } from '@app/catalogue';
import { AppConfig, assertMay, beijingDate, NotAllowed, PiiCipher } from '@app/common';
import { applicantDigest, auditKeyFrom, RECORDED_TABLES, writingKeyInService } from '@app/db';
import {
  allowedEvents,
  persistSnapshot,
  startCase,
  type CaseEventType,
  type MaterialIn,
} from '@app/workflow';
import type { Actor } from './actor';
import {
  applicantColumnsPlain,
  POWER_OF_ATTORNEY,
  type AgentIn,
  type ApplicantIn,
  type MailingAddressIn,
} from './applicant';
import { carryOutEffects } from './case-effect.handlers';
import { ClockKeeper } from './clocks/clock-keeper';
import { Custody } from './custody/custody';
import { invalidField, piiKeyRetired } from './case-errors';
import { CaseWriter, type CaseWrite } from './case-writer';
import type { AnswerCodec, IdempotencyRequest } from './idempotency';

/** 收件: what the clerk logs at the window. */
export interface ReceiveCaseCommand {
  itemCode: string;
  /** The receiving window; the clerk's own when absent, and it must be their own. */
  windowCode?: string;
  jurisdictionCode: string;
  applicant: ApplicantIn;
  /** Who hands the application in for the applicant (代理人); their power of attorney becomes a required material. */
  agent?: AgentIn;
  /** Where a result sent by mail goes (邮寄地址); optional at receipt. */
  mailingAddress?: MailingAddressIn;
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
 * Receives a case at a window (收件): through the write path (CaseWriter), creates the
 * case in `received`, its materials and the first row of its history (`RECEIVE`) in one
 * transaction. The RECEIVE row signs the item, window and home jurisdiction codes, a keyed digest
 * of the applicant (`applicantDigest`), which verification compares with the case row, and the
 * tables whose rows the history records (`recordedTables`: scans, evaluations; docs/AUDIT.md).
 */
@Injectable()
export class ReceiveCaseService {
  /** AUDIT_KEY as bytes: keys the applicant digest. */
  private readonly auditKey: Buffer;

  constructor(
    private readonly writer: CaseWriter,
    private readonly pii: PiiCipher,
    private readonly config: AppConfig,
    private readonly clocks: ClockKeeper,
    private readonly custody: Custody,
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
  async receive(cmd: ReceiveCaseCommand, actor: Actor, idempotency?: IdempotencyRequest): Promise<Receipt> {
    assertMay(actor, 'receive');
    const windowCode = actor.scope.windowCode;
    if (cmd.windowCode !== undefined && cmd.windowCode !== windowCode) {
      throw new NotAllowed(
        'not_your_window',
        `windowCode: you receive at ${windowCode}, not at ${cmd.windowCode}`,
        [{ field: 'windowCode', message: 'not your window' }],
      );
    }
    return this.writer.write(
      (tx) => this.receiveIn(tx, { ...cmd, windowCode }, actor),
      idempotency,
      this.sealedReceipt,
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
    tx: CaseWrite,
    cmd: ReceiveCaseCommand & { windowCode: string },
    actor: Actor,
  ): Promise<Receipt> {
    const { item, window } = await this.checkReferences(tx.m, cmd);
    if (!(await writingKeyInService(tx.m, this.pii))) throw piiKeyRetired();
    const required = item.checklist.filter((x) => x.required).map(({ name, form }) => ({ name, form }));
    // An agent acts on a power of attorney (授权委托书): the form check waits for it like any
    // required material of the checklist, and names it when it is missing.
    if (cmd.agent && !required.some((x) => x.name === POWER_OF_ATTORNEY)) {
      required.push({ name: POWER_OF_ATTORNEY, form: 'original' });
    }
    const step = startCase({
      requiredMaterials: required,
      materialsHandedIn: cmd.materials,
      originalsMustTravel: item.originalsMustTravel,
      resultDeliveryMethods: item.resultDeliveryMethods,
    });
    const caseNumber = caseNumberOf(window.divisionCode, await tx.cases.nextCaseSequence());
    // Answered once, on the receipt; kept only as a keyed hash (issue 10 item 10).
    const queryCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const snapshot = persistSnapshot(step.snapshot);
    const kind = cmd.applicant.kind ?? 'natural_person';
    const sealed = applicantColumnsPlain(cmd);
    const seal = (plain: string | null) => (plain === null ? null : this.pii.encrypt(plain));
    const created = await tx.cases.insertCase({
      caseNumber,
      queryCodeHash: this.pii.queryCodeHash(caseNumber, queryCode),
      itemCode: item.code,
      windowCode: cmd.windowCode,
      jurisdictionCode: cmd.jurisdictionCode,
      applicantKind: kind,
      applicantName: cmd.applicant.name,
      applicantIdType: cmd.applicant.idType,
      applicantIdNumber: this.pii.encrypt(cmd.applicant.idNumber),
      applicantIdLookup: this.pii.idNumberLookup(cmd.applicant.idNumber),
      applicantPhone: this.pii.encrypt(cmd.applicant.phone),
      applicantDetails: seal(sealed.applicantDetails),
      agent: seal(sealed.agent),
      mailingAddress: seal(sealed.mailingAddress),
      state: step.state,
      snapshot,
    });
    await tx.cases.storeMaterials(created.id, cmd.materials, 'receive', {
      by: actor.id,
      at: created.createdAt,
    });
    const app = await tx.append(created, {
      type: 'RECEIVE',
      toState: step.state,
      snapshot,
      payload: {
        caseNumber,
        itemCode: item.code,
        windowCode: cmd.windowCode,
        jurisdictionCode: cmd.jurisdictionCode,
        materials: cmd.materials.map((x) => x.name),
        // Signs who applied without holding it in clear: verify-history compares the case row's
        // applicant (decrypted) with it, so a changed name, ID or phone is found.
        applicantDigest: applicantDigest(
          created.id,
          {
            name: cmd.applicant.name,
            idType: cmd.applicant.idType,
            idNumber: cmd.applicant.idNumber,
            phone: cmd.applicant.phone,
            kind,
            details: sealed.applicantDetails ?? undefined,
            agent: sealed.agent ?? undefined,
            mailingAddress: sealed.mailingAddress ?? undefined,
          },
          this.auditKey,
        ),
        recordedTables: [...RECORDED_TABLES],
      },
      actor,
      occurredAt: created.createdAt,
    });
    const context = {
      at: created.createdAt,
      actor,
      times: this.config,
      clocks: this.clocks,
      custody: this.custody,
    };
    await carryOutEffects(tx, created.id, step.effects, context);
    return {
      id: app.id,
      caseNumber,
      queryCode,
      state: app.state,
      version: app.version,
      allowedEvents: allowedEvents(step.snapshot, actor.role),
    };
  }

  private async checkReferences(m: EntityManager, cmd: ReceiveCaseCommand & { windowCode: string }) {
    const catalogue = new CatalogueRepository(m);
    const item = await catalogue.item(cmd.itemCode);
    if (!item) throw invalidField('itemCode', `unknown service item ${cmd.itemCode}`);
    if (item.negativeList || !item.handlingModes.includes('proxy')) {
      throw invalidField(
        'itemCode',
        `${item.name} is on the negative list for proxy acceptance (异地代收代办负面清单)`,
      );
    }
    const window = await catalogue.window(cmd.windowCode);
    if (!window) throw invalidField('windowCode', `unknown receiving window ${cmd.windowCode}`);
    const jurisdiction = await catalogue.jurisdiction(cmd.jurisdictionCode);
    if (!jurisdiction)
      throw invalidField('jurisdictionCode', `unknown home jurisdiction ${cmd.jurisdictionCode}`);
    const refusal = authorityRefusal(item, jurisdiction);
    if (refusal) throw invalidField('jurisdictionCode', `${item.name}: ${refusal}`);
    return { item, window, jurisdiction };
  }
}

/** `<division code>-<yyyymmdd in Asia/Shanghai>-<6-digit sequence>`, e.g. 330902-20261129-000042. */
function caseNumberOf(divisionCode: string, sequence: number): string {
  const day = beijingDate(new Date()).replace(/-/g, '');
  return `${divisionCode}-${day}-${String(sequence).padStart(6, '0')}`;
}
