import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type { StaffPrincipal } from '@app/accounts';
import { CatalogueRepository } from '@app/catalogue';
import { CaseQueryService, caseNotFound, staffActor, type Actor, type CaseListQuery } from '@app/cases';
import { isCode } from '../../http/codes';
import { OFFICER_QUEUES, type OfficerQueue } from './officer-queues';
import { staffCasePage, type CaseCatalogue, type StaffCasePage } from './staff-case';
import { worklistRows, type WorklistRow } from './staff-landing';
import { beijingMinute } from './view-helpers';

/** Rows a queue's page or a search shows at once. */
export const QUEUE_PAGE_ROWS = 50;

/** A courier's waybill as the api takes one (8–30 capital letters or digits). */
const WAYBILL = /^[A-Z0-9]{8,30}$/;

/** A queue with how many cases it holds. */
export interface QueueCount extends OfficerQueue {
  count: number;
}

/** A page of a list: its rows (soonest due first), how many there are in all, and the page number. */
export interface ListPage {
  total: number;
  page: number;
  pages: number;
  rows: (WorklistRow & { href: string })[];
}

/** What a search for `q` found, and how it understood `q`. */
export interface FindResult {
  q: string;
  /** What `q` was taken as: `caseNumber`, `waybill`, `idNumber` (the applicant's, by its lookup hash), `unknown` or `empty`. */
  as: 'caseNumber' | 'waybill' | 'idNumber' | 'unknown' | 'empty';
  list: ListPage | null;
}

/** A mainland resident ID number's shape (18 characters, the last a digit or X). */
const RESIDENT_ID = /^\d{17}[\dX]$/;

/**
 * What the staff case page, the officer's queues and the search read, from the api's own
 * services as the signed-in staff member (`staffActor`): CaseQueryService for the case, its
 * history and the lists (scope, masking and allowed events are its), the catalogue repository for
 * names and the item's checklist. Nothing here writes.
 */
@Injectable()
export class CasePageQueries {
  constructor(
    private readonly queries: CaseQueryService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The id of the case `ref` names (a case number as printed, or a case id), in `staff`'s scope.
   * @throws NotFound (404) neither, or no case the staff member may read
   */
  async caseIdOf(staff: StaffPrincipal, ref: string): Promise<string> {
    const actor = staffActor(staff);
    if (isUUID(ref, '4')) return this.queries.caseIdOf({ id: ref }, actor);
    if (isCode('caseNumber', ref)) return this.queries.caseIdOf({ caseNumber: ref }, actor);
    throw caseNotFound();
  }

  /**
   * The case page of case `id` for `staff` (CaseQueryService.getCase and .history as
   * `staffActor(staff)`), with the catalogue's names and the item's checklist.
   * @throws NotFound (404) unknown case or out of scope
   */
  async casePage(staff: StaffPrincipal, id: string): Promise<StaffCasePage> {
    const actor = staffActor(staff);
    const [view, history] = await Promise.all([
      this.queries.getCase(id, actor),
      this.queries.history(id, actor),
    ]);
    const catalogue = await this.catalogueOf(view.itemCode, view.windowCode, view.jurisdictionCode);
    return staffCasePage(view, history, catalogue, new Date(), beijingMinute);
  }

  /** The officer's queues (OFFICER_QUEUES) with their counts in `staff`'s inbox. */
  async queueCounts(staff: StaffPrincipal): Promise<QueueCount[]> {
    const actor = staffActor(staff);
    return Promise.all(
      OFFICER_QUEUES.map(async (queue) => ({
        ...queue,
        count: (await this.list(actor, { worklist: 'inbox', states: queue.states }, 1, 1)).total,
      })),
    );
  }

  /** Page `page` of `queue` in `staff`'s inbox, soonest due first (the inbox's clocks). */
  queue(staff: StaffPrincipal, queue: OfficerQueue, page: number): Promise<ListPage> {
    return this.list(staffActor(staff), { worklist: 'inbox', states: queue.states }, page);
  }

  /**
   * The cases `q` names exactly, in `staff`'s scope: a case number, or a courier waybill of one of
   * a case's transfers or parcels (WorklistRepository), or a resident ID number of the applicant
   * (matched by its keyed lookup hash: the number stays encrypted).
   */
  async find(staff: StaffPrincipal, raw: string): Promise<FindResult> {
    const q = raw.trim().toUpperCase();
    if (!q) return { q, as: 'empty', list: null };
    const actor = staffActor(staff);
    if (isCode('caseNumber', q)) {
      return { q, as: 'caseNumber', list: await this.list(actor, { worklist: 'cases', caseNumber: q }, 1) };
    }
    if (RESIDENT_ID.test(q)) {
      return {
        q,
        as: 'idNumber',
        list: await this.list(actor, { worklist: 'cases', applicantIdNumber: q }, 1),
      };
    }
    if (WAYBILL.test(q)) {
      return { q, as: 'waybill', list: await this.list(actor, { worklist: 'cases', waybillNumber: q }, 1) };
    }
    return { q, as: 'unknown', list: null };
  }

  private async catalogueOf(
    itemCode: string,
    windowCode: string,
    jurisdictionCode: string,
  ): Promise<CaseCatalogue> {
    const catalogue = new CatalogueRepository(this.dataSource.manager);
    const [item, window, jurisdiction] = await Promise.all([
      catalogue.item(itemCode),
      catalogue.window(windowCode),
      catalogue.jurisdiction(jurisdictionCode),
    ]);
    return {
      item: {
        code: itemCode,
        name: item?.name ?? itemCode,
        checklist: (item?.checklist ?? []).map((m) => m.name),
      },
      window: { code: windowCode, name: window?.name ?? windowCode },
      jurisdiction: { code: jurisdictionCode, name: jurisdiction?.name ?? jurisdictionCode },
    };
  }

  private async list(
    actor: Actor,
    query: Pick<CaseListQuery, 'worklist' | 'states' | 'caseNumber' | 'waybillNumber' | 'applicantIdNumber'>,
    page: number,
    pageSize = QUEUE_PAGE_ROWS,
  ): Promise<ListPage> {
    const found = await this.queries.listCases({ ...query, sort: 'due', page, pageSize }, actor);
    return {
      total: found.total,
      page,
      pages: Math.max(1, Math.ceil(found.total / pageSize)),
      rows: worklistRows(found).map((r) => ({ ...r, href: `/console/staff/cases/${r.caseNumber}` })),
    };
  }
}
