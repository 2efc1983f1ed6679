import { ClockKeeper, type ClockView } from './clocks/clock-keeper';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertMay, beijingDate, beijingTime, may, mayActOnHeld, PiiCipher } from '@app/common';
import { ClaimRepository } from './claims/claim.repository';
import { CatalogueRepository } from '@app/catalogue';
import { isHistoryRecord } from '@app/db';
import { TransferRepository } from '@app/transfer';
import { custodyOf, PARCEL_LEG_LABELS, TRACKING_LABELS, type CaseParcelView } from './custody/custody-view';
import {
  allowedEvents,
  restoreSnapshot,
  stateHasTag,
  statesTagged,
  UnknownSnapshotError,
  missingMaterials,
  type ActorRole,
  type CaseEventType,
  type CaseSnapshot,
  type CaseState,
  EVENT_LABELS,
  stateLabel,
} from '@app/workflow';
import { applicantNotice, type ApplicantNotice } from './applicant-notice';
import { applicantActor, type Actor } from './actor';
import { LawCalendar } from './clocks/law-calendar';
import { caseNotFound } from './case-errors';
import { CaseRepository, type CaseRecord, type HistoryRow } from './case.repository';
import { attributeDelay, type DelayAttribution } from './clocks/delay-attribution';
import { openReceipt } from './receipt';
import { evaluationView } from './evaluation-grades';
import { maskName } from './masking';
import { applicantView, type ApplicantView } from './applicant';
import {
  dueParties,
  type DueMoment,
  type DueStateFilter,
  type Worklist,
  type WorklistSort,
} from './worklist';
import { WorklistRepository } from './worklist.repository';

/** States in which a case sits in its home jurisdiction's inbox (tag `inInbox`): the officer has something to do. */
export const INBOX_STATES = statesTagged('inInbox');

/** Which list, which cases, in which order, which page: filters combine with AND; pages count from 1. */
export interface CaseListQuery {
  /** Whose due moments the rows show (`dueParties`): the inbox's, or the reader's own. */
  worklist: Worklist;
  jurisdictionCode?: string;
  windowCode?: string;
  caseNumber?: string;
  /** A courier waybill (运单号) of one of the case's transfers or of a parcel it was packed in. */
  waybillNumber?: string;
  /** The applicant's ID number as on the card, matched by its lookup hash (PiiCipher.idNumberLookups). */
  applicantIdNumber?: string;
  /** Dotted state values; all states when absent. */
  states?: readonly CaseState[];
  /** Only the cases whose due clock is in this state (DueState as of the reading). */
  clockState?: DueStateFilter;
  /** Only the cases this officer holds (认领; 我认领的案件). */
  heldBy?: string;
  sort: WorklistSort;
  page: number;
  pageSize: number;
}

/** One page of a case list: `total` cases in all, `cases` on this page in the order asked for. */
export interface CasePage {
  total: number;
  page: number;
  pageSize: number;
  cases: {
    id: string;
    caseNumber: string;
    itemCode: string;
    itemName: string;
    windowCode: string;
    state: string;
    version: number;
    applicantName: string;
    /** When the case entered its current state. */
    since: Date;
    /** What is due next on the case for the party whose list it is (DueMoment); null when nothing is. */
    due: DueMoment | null;
    /** The officer who holds the case (认领); null when nobody does. */
    holder: string | null;
  }[];
}

/** The staff view of a case. */
export interface CaseView {
  id: string;
  caseNumber: string;
  itemCode: string;
  windowCode: string;
  jurisdictionCode: string;
  state: string;
  version: number;
  /**
   * Events the caller may send now: their role's, none when the case needs manual handling or
   * another officer holds it (a claimed case's actions are its holder's).
   */
  allowedEvents: CaseEventType[];
  /** The officer who holds the case (认领) and since when; null when nobody does. */
  holder: { username: string; claimedAt: Date } | null;
  /** True when the stored snapshot does not fit this machine: staff must handle the case by hand. */
  needsManualHandling: boolean;
  /** Required checklist materials not handed in yet (the form check waits for them). */
  missingMaterials: string[];
  /**
   * While a supplement is requested (一次性告知补正): the materials the home jurisdiction asked for,
   * which the window's SUPPLEMENT_RECEIVED must answer, each once; otherwise null.
   */
  requestedSupplement: string[] | null;
  /**
   * The applicant (a natural or a legal person, its representative), the agent (代理人) and the
   * mailing address (邮寄地址): in full for clerks and officers (policy `readApplicantPii`); masked
   * for supervisors (`3309**********215X`, `138****0001`; applicantView).
   */
  applicant: ApplicantView;
  /** Each material handed in; a copy checked against its original (原件核验) says who checked it and when. */
  materials: {
    name: string;
    form: string;
    pages: number | null;
    stage: string;
    receivedAt: Date;
    originalCheckedBy: string | null;
    originalCheckedAt: Date | null;
  }[];
  transfers: {
    id: string;
    direction: string;
    channel: string;
    waybillNumber: string | null;
    status: string;
    failureReason: string | null;
    dispatchedAt: Date;
    deliveredAt: Date | null;
    /** A scan transfer's pages: the SHA-256 of each scan sent, re-hashed on arrival; else null. */
    scanDigests: string[] | null;
  }[];
  /**
   * Every clock of the case, oldest first (issue 12): stage, party, due moment, working days left,
   * pauses and extension; a provisional due date says so.
   */
  clocks: ClockView[];
  /** The parcels its papers travelled in (材料交接单), with its line of each and the carrier's legs (issue 13). */
  parcels: CaseParcelView[];
  /**
   * The scans uploaded at the window (扫描), in upload order: what a scan transfer can carry; a scan
   * of a copy checked against its original carries that 原件核验 (who, when).
   */
  scans: {
    materialName: string;
    contentType: string;
    bytes: number;
    sha256: string;
    uploadedAt: Date;
    originalCheckedBy: string | null;
    originalCheckedAt: Date | null;
  }[];
  /**
   * The statutory working days from receipt to now (or to the day the case ended), each charged to the party
   * holding the case at the end of that day (`attributeDelay`; issue 12 item 4); `provisional` when a year
   * without official data was consulted.
   */
  delayAttribution: DelayAttribution;
  createdAt: Date;
  updatedAt: Date;
}

/** One line of the applicant's timeline. */
export interface TimelineEntry {
  type: string;
  label: string;
  state: string;
  stateLabel: string;
  at: Date;
}

/** The applicant's view (进度查询): masked personal data, the timeline, what happens next. */
export interface TrackingView {
  caseNumber: string;
  item: { code: string; name: string };
  /** When the window received it, Beijing time (`2026-12-01T14:05:00.000+08:00`). */
  receivedAt: string;
  /** The day it was received, as the receipt bears it (`2026-12-01`, Beijing). */
  receivedOn: string;
  window: string;
  homeJurisdiction: string;
  /** Masked (applicantView): names, ID numbers, phones, the street. */
  applicant: Omit<ApplicantView, 'idType'>;
  state: string;
  stateLabel: string;
  nextStep: string;
  /** The one-time notice, refusal or decision the applicant must see, if any. */
  notice: ApplicantNotice | null;
  /** The applicant's evaluation once given; `canEvaluate` while it may still be given. */
  evaluation: ReturnType<typeof evaluationView> | null;
  canEvaluate: boolean;
  timeline: TimelineEntry[];
}

/**
 * Read side of cases: staff view, history, inbox, applicant tracking. No writes but one: a query
 * code still hashed under an older PII key is re-hashed when the applicant uses it (openReceipt).
 */
@Injectable()
export class CaseQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly pii: PiiCipher,
    private readonly clocks: ClockKeeper,
    private readonly law: LawCalendar,
  ) {}

  /** The data source's manager and repository, outside any transaction (openReceipt reads through them). */
  private get reading() {
    return { m: this.dataSource.manager, cases: this.cases };
  }

  /**
   * The id of the case `ref` names: its id (a UUID, as given: every read and command checks the
   * scope itself) or its case number (the number on the paper receipt, `330902-20261130-000001`),
   * looked up among the cases in `actor`'s scope. Staff address a case either way.
   * @throws NotFound (404) a case number of no case in the actor's scope (unknown or out of
   *   scope: the same answer)
   */
  async caseIdOf(ref: { id: string } | { caseNumber: string }, actor: Actor): Promise<string> {
    if ('id' in ref) return ref.id;
    const found = await this.cases.idInScope(ref.caseNumber, actor.scope);
    if (!found) throw caseNotFound();
    return found;
  }

  /**
   * The case `id` as `actor` sees it, with the events the actor's role may send now.
   * @throws NotFound (404) unknown case, or out of the actor's scope (the same answer)
   */
  async getCase(id: string, actor: Actor): Promise<CaseView> {
    const app = await this.cases.getInScope(id, actor.scope);
    const [materials, transfers, parcels, scans, clocks, history, calendar, holding] = await Promise.all([
      this.cases.materialsOf(id),
      new TransferRepository(this.dataSource.manager).ofCase(id),
      custodyOf(this.dataSource.manager, id),
      this.cases.scansOf([id]),
      this.clocks.views(this.dataSource.manager, id, new Date()),
      this.cases.history([id]),
      this.law.calendar(),
      new ClaimRepository(this.dataSource.manager).holdingOf(id),
    ]);
    const { allowed, manual, snapshot } = this.allowed(app, actor.role);
    return {
      id: app.id,
      caseNumber: app.caseNumber,
      itemCode: app.itemCode,
      windowCode: app.windowCode,
      jurisdictionCode: app.jurisdictionCode,
      state: app.state,
      version: app.version,
      allowedEvents: mayActOnHeld(actor, holding) ? allowed : [],
      holder: holding && { username: holding.holder, claimedAt: holding.claimedAt },
      needsManualHandling: manual,
      missingMaterials: snapshot ? missingMaterials(snapshot.context) : [],
      requestedSupplement:
        snapshot?.hasTag('supplementOpen') === true ? (snapshot.context.supplementItems ?? []) : null,
      applicant: this.applicantFor(app, actor),
      materials: materials.map((m) => ({ ...m })),
      transfers: transfers.map(({ caseId: _case, ...transfer }) => transfer),
      parcels,
      clocks,
      scans: scans.map(
        ({ materialName, contentType, bytes, sha256, uploadedAt, originalCheckedBy, originalCheckedAt }) => ({
          materialName,
          contentType,
          bytes,
          sha256,
          uploadedAt,
          originalCheckedBy,
          originalCheckedAt,
        }),
      ),
      delayAttribution: attributeDelay(history, calendar, new Date()),
      createdAt: app.createdAt,
      updatedAt: app.updatedAt,
    };
  }

  /**
   * The applicant as `actor` may see them (policy `readApplicantPii`): in full for the clerk who
   * checks their identity and the officer who decides; masked for anyone else (a supervisor, who
   * oversees the work, the holder of the receipt).
   */
  private applicantFor(app: CaseRecord, actor: Actor): CaseView['applicant'] {
    return applicantView(app, this.pii, may(actor, 'readApplicantPii'));
  }

  /**
   * The history of case `id`, oldest first, every row as stored: the events, and the scans
   * uploaded and the evaluation given (SCAN_UPLOADED, EVALUATED), each with its hash.
   * @throws NotFound (404) unknown case, or out of the actor's scope (the same answer)
   */
  async history(id: string, actor: Actor): Promise<HistoryRow[]> {
    await this.cases.getInScope(id, actor.scope);
    return this.cases.history([id]);
  }

  /**
   * One page of the cases in `actor`'s scope that match `query` (an inbox, a window's worklist, a
   * case number), with the total so no case is out of sight; each row shows what is due next for
   * the party whose list it is (`dueParties`: the inbox the home jurisdiction's clocks, a clerk's
   * list the window's), states as of now; soonest due first unless `query.sort` says otherwise.
   * Filters outside the scope find nothing. No personal data beyond the applicant's name, masked
   * unless the actor may read it (policy `readApplicantPii`: not a supervisor).
   */
  async listCases(query: CaseListQuery, actor: Actor): Promise<CasePage> {
    const { applicantIdNumber, ...filters } = query;
    const { rows: apps, total } = await new WorklistRepository(this.dataSource.manager).page(
      applicantIdNumber === undefined
        ? filters
        : { ...filters, applicantIdLookups: this.pii.idNumberLookups(applicantIdNumber) },
      actor.scope,
      dueParties(query.worklist, actor),
      new Date(),
    );
    const inFull = may(actor, 'readApplicantPii');
    const itemName = await new CatalogueRepository(this.dataSource.manager).itemNames([
      ...new Set(apps.map((a) => a.itemCode)),
    ]);
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      cases: apps.map((a) => ({
        id: a.id,
        caseNumber: a.caseNumber,
        itemCode: a.itemCode,
        itemName: itemName.get(a.itemCode) ?? a.itemCode,
        windowCode: a.windowCode,
        state: a.state,
        version: a.version,
        applicantName: inFull ? a.applicantName : maskName(a.applicantName),
        since: a.updatedAt,
        due: a.due,
        holder: a.holder,
      })),
    };
  }

  /**
   * The id of case `caseNumber`, when `queryCode` is its receipt's code.
   * @throws NotFound unknown case or wrong code (the same answer)
   */
  async idByReceipt(caseNumber: string, queryCode: string): Promise<string> {
    return (await openReceipt(this.reading, this.pii, caseNumber, queryCode)).id;
  }

  /**
   * The applicant's view of case `caseNumber`, opened with the receipt's query code: the view of
   * its holder, the applicant (`applicantActor`, policy `track`), personal data masked.
   * @throws NotFound unknown case or wrong code (the same answer, so a guess learns nothing)
   */
  async track(caseNumber: string, queryCode: string): Promise<TrackingView> {
    const catalogue = new CatalogueRepository(this.dataSource.manager);
    const app = await openReceipt(this.reading, this.pii, caseNumber, queryCode);
    const applicant = applicantActor(app);
    assertMay(applicant, 'track');
    const [item, window, jurisdiction, history, [evaluation], parcels] = await Promise.all([
      catalogue.item(app.itemCode),
      catalogue.window(app.windowCode),
      catalogue.jurisdiction(app.jurisdictionCode),
      this.cases.history([app.id]),
      this.cases.evaluationsOf([app.id]),
      custodyOf(this.dataSource.manager, app.id),
    ]);
    if (!item || !window || !jurisdiction) {
      // Foreign keys keep a case's item, window and jurisdiction in the catalogue.
      throw new Error(`case ${caseNumber}: its catalogue entries are missing`);
    }
    // The applicant follows the case's steps; the scans and the evaluation are not steps.
    const events = history.filter((e) => !isHistoryRecord(e.type));
    const { manual } = this.allowed(app, applicant.role);
    const { idType: _idType, ...applicantAsSeen } = this.applicantFor(app, applicant);
    const labels = stateLabel(app.state);
    return {
      caseNumber: app.caseNumber,
      item: { code: item.code, name: item.name },
      receivedAt: beijingTime(app.createdAt),
      receivedOn: beijingDate(app.createdAt),
      window: window.name,
      homeJurisdiction: jurisdiction.name,
      applicant: applicantAsSeen,
      state: app.state,
      stateLabel: manual ? '人工处理中' : (labels?.label ?? app.state),
      nextStep: manual ? '此件需工作人员人工处理，请联系收件窗口' : (labels?.next ?? ''),
      notice: applicantNotice(app.state, events),
      evaluation: evaluation ? evaluationView(evaluation) : null,
      canEvaluate: !evaluation && stateHasTag(app.state, 'evaluationOpen'),
      timeline: withTrackingLegs(
        events.map((e) => ({
          type: e.type,
          label: EVENT_LABELS[e.type] ?? e.type,
          state: e.toState,
          stateLabel: stateLabel(e.toState)?.label ?? e.toState,
          at: e.occurredAt,
        })),
        parcels,
      ),
    };
  }

  private allowed(
    app: CaseRecord,
    role: ActorRole,
  ): { allowed: CaseEventType[]; manual: boolean; snapshot: CaseSnapshot | null } {
    try {
      const snapshot = restoreSnapshot(app.snapshot);
      return { allowed: allowedEvents(snapshot, role), manual: false, snapshot };
    } catch (e) {
      if (e instanceof UnknownSnapshotError) return { allowed: [], manual: true, snapshot: null };
      throw e;
    }
  }
}

/**
 * The timeline with the carrier's legs of the case's parcels woven in by time (type `TRACKING`,
 * e.g. `快递已送达（材料原件寄往业务属地部门，运单 SF…）`); the archive leg is the offices' own and left out.
 */
function withTrackingLegs(timeline: TimelineEntry[], parcels: CaseParcelView[]): TimelineEntry[] {
  const legs = parcels
    .filter((p) => p.leg !== 'archive')
    .flatMap((p) =>
      p.legs.map((leg) => ({
        type: 'TRACKING',
        label: `${TRACKING_LABELS[leg.status]}（${PARCEL_LEG_LABELS[p.leg]}，运单 ${p.waybillNumber}，${leg.location}）`,
        state: '',
        stateLabel: '',
        at: leg.at,
      })),
    );
  return [...timeline, ...legs].sort((a, b) => a.at.getTime() - b.at.getTime());
}
