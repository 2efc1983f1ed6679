import { Injectable } from '@nestjs/common';
import type { StaffPrincipal } from '@app/accounts';
import {
  applicantActor,
  CaseQueryService,
  INBOX_STATES,
  staffActor,
  type Actor,
  type CaseListQuery,
} from '@app/cases';
import { CASE_STATES, stateHasTag, type CaseState } from '@app/workflow';
import { applicantCasePage, type ApplicantCasePage } from './applicant-case';
import { worklistRows, type WorklistRow } from './staff-landing';

/** Rows a landing page's worklist shows at most (the rest are counted: `total`). */
export const LANDING_ROWS = 20;

/** The states of cases still open (not tagged `final`): what a window's worklist holds. */
const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !stateHasTag(s, 'final'));

/** A worklist as a landing page shows it: the first rows, soonest due first, and how many there are. */
export interface LandingList {
  total: number;
  rows: WorklistRow[];
}

/** What a staff member's landing page shows, by role. */
export type StaffLanding =
  | { role: 'clerk'; worklist: LandingList }
  | { role: 'officer'; inbox: LandingList; mine: boolean }
  | { role: 'supervisor'; overdue: number; warned: number; open: number }
  | { role: 'admin' };

/**
 * What the console's pages read, from the api's own services (CaseQueryService): nothing here
 * writes, and every read is in the reader's scope (a clerk's window, an officer's jurisdiction, a
 * supervisor's division; the applicant's one case).
 */
@Injectable()
export class ConsoleQueries {
  constructor(private readonly queries: CaseQueryService) {}

  /**
   * The landing page of `staff`: a clerk's window worklist of open cases by what is due; an
   * officer's inbox (INBOX_STATES) by what is due (its queue counts: CasePageQueries.queueCounts); a
   * supervisor's counts of overdue, warned and open cases in their division; nothing for an admin.
   * With `mine`, an officer's inbox holds only the cases they hold (我认领的案件).
   */
  async landing(staff: StaffPrincipal, options: { mine?: boolean } = {}): Promise<StaffLanding> {
    if (staff.role === 'admin') return { role: 'admin' };
    const actor = staffActor(staff);
    switch (actor.role) {
      case 'clerk':
        return {
          role: 'clerk',
          worklist: await this.list(actor, { worklist: 'cases', states: OPEN_STATES }),
        };
      case 'officer': {
        const mine = options.mine === true;
        return {
          role: 'officer',
          inbox: await this.list(actor, {
            worklist: 'inbox',
            states: INBOX_STATES,
            ...(mine ? { heldBy: actor.id } : {}),
          }),
          mine,
        };
      }
      default: {
        const count = async (clockState?: 'overdue' | 'warned') =>
          (await this.list(actor, { worklist: 'cases', states: OPEN_STATES, clockState }, 1)).total;
        const [overdue, warned, open] = await Promise.all([count('overdue'), count('warned'), count()]);
        return { role: 'supervisor', overdue, warned, open };
      }
    }
  }

  /**
   * The id of case `caseNumber` when `queryCode` opens it (the applicant signing in, or acting).
   * @throws NotFound unknown case or wrong code (the same answer)
   */
  openReceipt(caseNumber: string, queryCode: string): Promise<string> {
    return this.queries.idByReceipt(caseNumber, queryCode);
  }

  /**
   * The applicant's page of case `caseNumber` opened with `queryCode`: the tracking view (masked),
   * its steps with departments, the steps to come with their due days, its waybills, whether it
   * may be withdrawn; all as the applicant (`applicantActor`) sees the case.
   * @throws NotFound unknown case or wrong code (the same answer)
   */
  async applicantCase(caseNumber: string, queryCode: string): Promise<ApplicantCasePage> {
    const view = await this.queries.track(caseNumber, queryCode);
    const id = await this.queries.idByReceipt(caseNumber, queryCode);
    return applicantCasePage(view, await this.queries.getCase(id, applicantActor({ id, caseNumber })));
  }

  private async list(
    actor: Actor,
    query: Pick<CaseListQuery, 'worklist' | 'states' | 'clockState' | 'heldBy'>,
    pageSize = LANDING_ROWS,
  ): Promise<LandingList> {
    const page = await this.queries.listCases({ ...query, sort: 'due', page: 1, pageSize }, actor);
    return { total: page.total, rows: worklistRows(page) };
  }
}
