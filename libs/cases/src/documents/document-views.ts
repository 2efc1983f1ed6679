import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { clockPeriod } from '@app/calendar';
import { CatalogueRepository } from '@app/catalogue';
import { AppConfig, beijingDate, invalidField, may, PiiCipher } from '@app/common';
import { ClockRepository, type StoredClock } from '@app/db';
import {
  renderAcceptanceNotice,
  renderAcknowledgement,
  renderOneTimeNotice,
  renderRefusalNotice,
  type AcceptanceNoticeView,
  type AcknowledgementView,
  type CaseDocumentHead,
  type OneTimeNoticeView,
  type RefusalNoticeView,
  type RenderOptions,
} from '@app/documents';
import type { Actor } from '../actor';
import { documentNotApplicable } from '../case-errors';
import { CaseRepository, type CaseRecord, type HistoryRow } from '../case.repository';
import { LawCalendar } from '../clocks/law-calendar';
import { maskIdNumber, maskName } from '../masking';

/** The case documents the api serves, by the name in their address (`…/documents/<name>.pdf`). */
export const CASE_DOCUMENTS = [
  'acknowledgement',
  'one-time-notice',
  'refusal-notice',
  'acceptance-notice',
] as const;
export type CaseDocument = (typeof CASE_DOCUMENTS)[number];

/**
 * The events of a case's history that issue each document (its newest such row is what it prints);
 * empty: the document exists from receipt on (the receipt).
 */
export const DOCUMENT_ISSUED_BY: Readonly<Record<CaseDocument, readonly string[]>> = {
  acknowledgement: [],
  'one-time-notice': ['FAIL_FORM_CHECK', 'REQUEST_SUPPLEMENT'],
  'refusal-notice': ['REFUSE'],
  'acceptance-notice': ['ACCEPT', 'DEEM_ACCEPTED'],
};

/** The documents a case whose history holds rows of `types` has (DOCUMENT_ISSUED_BY), in CASE_DOCUMENTS order. */
export function documentsIssued(types: readonly string[]): CaseDocument[] {
  return CASE_DOCUMENTS.filter((d) => {
    const by = DOCUMENT_ISSUED_BY[d];
    return by.length === 0 || by.some((t) => types.includes(t));
  });
}

/** A rendered document: the PDF's bytes and the file name to offer (`<caseNumber>-<document>.pdf`). */
export interface RenderedDocument {
  filename: string;
  pdf: Buffer;
}

/** A case document's view, tagged with which document it is. */
export type CaseDocumentView =
  | { document: 'acknowledgement'; view: AcknowledgementView }
  | { document: 'one-time-notice'; view: OneTimeNoticeView }
  | { document: 'refusal-notice'; view: RefusalNoticeView }
  | { document: 'acceptance-notice'; view: AcceptanceNoticeView };

/** The newest row of `history` of one of `types`, or undefined. */
const lastOf = (history: readonly HistoryRow[], ...types: string[]) =>
  [...history].reverse().find((e) => types.includes(e.type));

/** The newest clock of `stage` among `clocks` (oldest first), or undefined. */
const lastClock = (clocks: readonly StoredClock[], stage: string) =>
  [...clocks].reverse().find((c) => c.stage === stage);

/**
 * Assembles the view models of a case's documents (libs/documents renders them) from the case, its
 * materials, its history rows and its clocks, for a reader who may see the case: its staff in scope
 * or the applicant the receipt opened (`applicantActor`) — the same scope check as reading the case
 * (`CaseRepository.getInScope`). The applicant's name is in full for those who may read it (policy
 * `readApplicantPii`), masked for the others; the ID number is masked on every paper.
 */
@Injectable()
export class DocumentViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly pii: PiiCipher,
    private readonly law: LawCalendar,
    private readonly config: AppConfig,
  ) {}

  /** The renderers' options from the configuration: DOCUMENT_FONT_PATH and DOCUMENT_FONT_NAME. */
  get renderOptions(): RenderOptions {
    return { font: { path: this.config.DOCUMENT_FONT_PATH, postscriptName: this.config.DOCUMENT_FONT_NAME } };
  }

  /** Where the applicant follows case `caseNumber`: the tracking endpoint under PUBLIC_BASE_URL. */
  trackingUrl(caseNumber: string): string {
    return `${this.config.PUBLIC_BASE_URL}/api/v1/track/${caseNumber}`;
  }

  /**
   * Document `document` of case `caseId` as a PDF, for `actor`.
   * @param queryCode for the receipt: the case's query code, printed when it matches the stored
   *   hash; without it the receipt prints it masked
   * @throws NotFound (404) unknown case or out of the actor's scope (the same answer)
   * @throws InvalidInput (400, field `code`) a query code that is not the case's
   * @throws Conflict (409 document_not_applicable) the document does not apply to the case yet, naming its state
   * @throws Error from the renderer when the configured font cannot be used
   */
  async render(
    document: CaseDocument,
    caseId: string,
    actor: Actor,
    queryCode?: string,
  ): Promise<RenderedDocument> {
    const built = await this.view(document, caseId, actor, queryCode, new Date());
    const options = this.renderOptions;
    const pdf = await (() => {
      switch (built.document) {
        case 'acknowledgement':
          return renderAcknowledgement(built.view, options);
        case 'one-time-notice':
          return renderOneTimeNotice(built.view, options);
        case 'refusal-notice':
          return renderRefusalNotice(built.view, options);
        case 'acceptance-notice':
          return renderAcceptanceNotice(built.view, options);
      }
    })();
    return { filename: `${built.view.caseNumber}-${document}.pdf`, pdf };
  }

  /**
   * The view model of document `document` of case `caseId` as `actor` may see it, issued at `now`.
   * @throws as `render`, but for the renderer
   */
  async view(
    document: CaseDocument,
    caseId: string,
    actor: Actor,
    queryCode: string | undefined,
    now: Date,
  ): Promise<CaseDocumentView> {
    const app = await this.cases.getInScope(caseId, actor.scope);
    const m = this.dataSource.manager;
    const [head, history, clocks] = await Promise.all([
      this.head(app, actor, now),
      this.cases.history([caseId]),
      new ClockRepository(m).ofCase(caseId),
    ]);
    switch (document) {
      case 'acknowledgement':
        return { document, view: await this.acknowledgement(app, head, history, clocks, queryCode) };
      case 'one-time-notice': {
        const issued = lastOf(history, ...DOCUMENT_ISSUED_BY[document]);
        if (!issued) {
          throw documentNotApplicable(
            document,
            app.state,
            'no one-time notice was issued (FAIL_FORM_CHECK, REQUEST_SUPPLEMENT)',
          );
        }
        const supplement = issued.type === 'REQUEST_SUPPLEMENT';
        // The supplement clock the request started (the applicant's time); the window's correction has none.
        const clock = supplement ? lastClock(clocks, 'supplement') : undefined;
        const p = issued.payload;
        return {
          document,
          view: {
            ...head,
            kind: supplement ? 'supplement' : 'correction',
            issuedOn: beijingDate(issued.occurredAt),
            items: (supplement ? p.items : p.missing) as string[],
            note: typeof p.note === 'string' && p.note !== '' ? p.note : null,
            deadline: clock && clock.startedAt >= issued.occurredAt ? clock.dueDate : null,
          },
        };
      }
      case 'refusal-notice': {
        const refusal = lastOf(history, ...DOCUMENT_ISSUED_BY[document]);
        if (!refusal) throw documentNotApplicable(document, app.state, 'the case was not refused (REFUSE)');
        return {
          document,
          view: {
            ...head,
            refusedOn: beijingDate(refusal.occurredAt),
            reason: String(refusal.payload.reason),
            legalBasis: String(refusal.payload.legalBasis),
          },
        };
      }
      case 'acceptance-notice': {
        const accepted = lastOf(history, ...DOCUMENT_ISSUED_BY[document]);
        if (!accepted) {
          throw documentNotApplicable(
            document,
            app.state,
            'the case was not accepted (ACCEPT, DEEM_ACCEPTED)',
          );
        }
        const decision = lastClock(clocks, 'decision');
        return {
          document,
          view: {
            ...head,
            acceptedOn: beijingDate(accepted.occurredAt),
            deemed: accepted.type === 'DEEM_ACCEPTED',
            decision: decision
              ? {
                  dueDate: decision.dueDate,
                  workingDays: decision.budgetWorkingDays + decision.extendedWorkingDays,
                  provisional: decision.provisional,
                }
              : null,
          },
        };
      }
    }
  }

  /** What every case document names, as `actor` may see it. */
  private async head(app: CaseRecord, actor: Actor, now: Date): Promise<CaseDocumentHead> {
    const catalogue = new CatalogueRepository(this.dataSource.manager);
    const [item, window, jurisdiction] = await Promise.all([
      catalogue.item(app.itemCode),
      catalogue.window(app.windowCode),
      catalogue.jurisdiction(app.jurisdictionCode),
    ]);
    if (!item || !window || !jurisdiction) {
      // Foreign keys keep a case's item, window and jurisdiction in the catalogue.
      throw new Error(`case ${app.caseNumber}: its catalogue entries are missing`);
    }
    return {
      caseNumber: app.caseNumber,
      item: { code: item.code, name: item.name },
      applicantName: may(actor, 'readApplicantPii') ? app.applicantName : maskName(app.applicantName),
      applicantIdNumber: maskIdNumber(this.pii.decrypt(app.applicantIdNumber)),
      window: { code: window.code, name: window.name },
      homeJurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
      trackingUrl: this.trackingUrl(app.caseNumber),
      issuedAt: now,
    };
  }

  /**
   * The receipt's view: the query code when `queryCode` matches the stored hash (as `openReceipt`
   * checks it), else masked; the promised date from the decision clock, else estimated.
   * @throws InvalidInput (400, field `code`) a code given that is not the case's
   */
  private async acknowledgement(
    app: CaseRecord,
    head: CaseDocumentHead,
    history: readonly HistoryRow[],
    clocks: readonly StoredClock[],
    queryCode: string | undefined,
  ): Promise<AcknowledgementView> {
    if (queryCode !== undefined && !this.pii.checkQueryCode(app.queryCodeHash, app.caseNumber, queryCode)) {
      throw invalidField('code', "is not this case's query code");
    }
    const received = history.find((e) => e.type === 'RECEIVE');
    const materials = await this.cases.materialsOf(app.id);
    return {
      ...head,
      queryCode: queryCode ?? null,
      receivedAt: app.createdAt,
      clerk: received?.actorId ?? '',
      materials: materials.map(({ name, form, pages }) => ({ name, form, pages })),
      promised: await this.promised(app, clocks),
    };
  }

  /**
   * The promised date (承诺办结日期): the decision clock's due day once it runs (null while it is
   * paused); before acceptance, an estimate: the item's promised limit (承诺时限), else its statutory
   * one, counted from the day of receipt by the clocks' rules (clockPeriod, OFFICE_CLOSES_AT).
   */
  private async promised(
    app: CaseRecord,
    clocks: readonly StoredClock[],
  ): Promise<AcknowledgementView['promised']> {
    const decision = lastClock(clocks, 'decision');
    if (decision) {
      const workingDays = decision.budgetWorkingDays + decision.extendedWorkingDays;
      return decision.dueDate ? { date: decision.dueDate, workingDays, basis: 'decisionClock' } : null;
    }
    const terms = await new CatalogueRepository(this.dataSource.manager).itemTermsOfCase(app.id);
    if (!terms) return null;
    const workingDays = terms.promisedLimitWorkingDays ?? terms.timeLimitWorkingDays;
    const period = clockPeriod(await this.law.calendar(), {
      startedAt: app.createdAt,
      workingDays,
      pauses: [],
      officeClosesAt: this.config.OFFICE_CLOSES_AT,
    });
    return period ? { date: period.dueDate, workingDays, basis: 'estimate' } : null;
  }
}
