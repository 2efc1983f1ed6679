import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '@app/accounts';
import { CaseService, invalidField, staffActor } from '@app/cases';
import { Conflict, InvalidInput, may, type FieldProblem } from '@app/common';
import { CASE_EVENT_TYPES, stateLabel, type CaseEventType } from '@app/workflow';
import { parseCaseEvent } from '../../cases/dto/case-event.dto';
import { ConsolePages } from '../http/console-pages.decorator';
import { Pages } from '../http/pages';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import {
  EVENT_FORMS,
  eventBody,
  eventTitle,
  fieldErrors,
  MATERIAL_FORM_CHOICES,
  type PostedForm,
} from '../view-models/case-event-forms';
import { CasePageQueries } from '../view-models/case-page-queries';
import { scanUploadPanel } from '../view-models/scan-upload';
import { claimPanel } from '../view-models/claim-panel';

/** What a refused action shows on the case page: which form, the reasons by field, the values posted. */
interface Refusal {
  type: CaseEventType;
  message: string;
  fields: Record<string, string>;
  values: PostedForm;
}

/** The form fields a posted action carries besides its event's own. */
const FRAME_FIELDS = ['_csrf', 'type', 'version'];

/**
 * 案件办理页: the staff case page shared by the window's clerk and the home jurisdiction's officer
 * (any staff member who may read the case). The page reads the case as the signed-in staff member
 * (CaseQueryService.getCase as `staffActor`); each action is a form of an allowed event
 * (EVENT_FORMS) posted with the version it was rendered with, parsed into the JSON api's event
 * (parseCaseEvent, so validation is the api's) and applied by CaseService.apply with that
 * `expectedVersion`: a page opened before another change is refused (409), never applied.
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff/cases')
export class StaffCaseController {
  constructor(
    private readonly pages: Pages,
    private readonly queries: CasePageQueries,
    private readonly cases: CaseService,
  ) {}

  /**
   * The case `:id` (its case number, or its id): facts, materials and scans beside the history and
   * clocks, custody, the documents to print, the actions of the allowed events; `?done=<event>`
   * says what was just done.
   * @throws NotFound (404) no case the staff member may read
   */
  @Get(':id')
  async page(
    @Param('id') ref: string,
    @Query('done') done: unknown,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const id = await this.queries.caseIdOf(staff, ref);
    const doneType = typeof done === 'string' && (CASE_EVENT_TYPES as string[]).includes(done) ? done : null;
    return this.render(request, reply, staff, id, { done: doneType ? eventTitle(doneType) : '' });
  }

  /**
   * Sends the posted action to case `:id`: the event of the form's `type`, read from its fields
   * (eventBody), with `expectedVersion` the form's `version`. Done: back to the case page (303).
   * A field the api refuses: the page again with the reasons beside the fields and the values kept
   * (400); an event the case does not take now: the page again saying so (409); a stale page: a
   * page naming the current state with a link to reload (409).
   * @throws NotFound (404) no case the staff member may read; NotAllowed (403) an event not the role's
   */
  @Post(':id/events')
  async act(
    @Param('id') ref: string,
    @Body() body: PostedForm,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const id = await this.queries.caseIdOf(staff, ref);
    const type = typeof body.type === 'string' ? body.type : '';
    const form = EVENT_FORMS[type as CaseEventType];
    if (!form) throw invalidField('type', 'not an action of the case page');
    const version = Number(body.version);
    if (!Number.isInteger(version)) throw invalidField('version', 'the form has no case version');
    const { choices, href } = await this.queries.casePage(staff, id);
    const values = Object.fromEntries(Object.entries(body).filter(([k]) => !FRAME_FIELDS.includes(k)));
    try {
      const event = parseCaseEvent(eventBody(form, values, choices));
      await this.cases.apply(id, event, staffActor(staff), { expectedVersion: version });
    } catch (e) {
      const problems = fieldProblems(e);
      if (problems) {
        const fields = fieldErrors(form, problems);
        const refusal = { type: form.type, message: '请按提示修改后重新提交。', fields, values };
        return this.render(request, reply, staff, id, { refusal }, 400);
      }
      if (e instanceof Conflict && e.reason === 'stale_version') {
        const state = stateIn(e);
        return this.pages.render(
          request,
          reply,
          'staff/stale',
          {
            title: '页面已过期',
            staff,
            href,
            action: form.label,
            stateLabel: stateLabel(state)?.label ?? state,
          },
          409,
        );
      }
      if (e instanceof Conflict && e.reason === 'claimed_by_other') {
        // The holder's page alone renders the case's actions: said on a page of its own.
        const { holder } = e.details as { holder: string };
        const message =
          `此案件由 ${holder} 认领办理，“${form.label}”只能由认领人办理，未予办理；` +
          '如需接手，请联系科室负责人或督查改派。';
        const error = { status: 409, message, fields: [] };
        return this.pages.render(request, reply, 'error', { title: '无法办理', staff, error }, 409);
      }
      if (e instanceof Conflict && e.reason === 'event_not_allowed') {
        const state = stateIn(e);
        const message = `案件当前状态（${stateLabel(state)?.label ?? state}）不能办理“${form.label}”。`;
        const refusal = { type: form.type, message, fields: {}, values };
        return this.render(request, reply, staff, id, { refusal }, 409);
      }
      throw e;
    }
    return reply.code(303).redirect(`${href}?done=${form.type}`);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffPrincipal,
    id: string,
    extra: { done?: string; refusal?: Refusal },
    status = 200,
  ) {
    const page = await this.queries.casePage(staff, id);
    return this.pages.render(
      request,
      reply,
      'staff/case',
      {
        title: `案件 ${page.view.caseNumber}`,
        staff,
        page,
        materialForms: MATERIAL_FORM_CHOICES,
        // The scan upload form, for whom the policy lets upload scans (the window's clerk).
        upload: may(staff.role, 'uploadScan') ? scanUploadPanel(page.view).upload : null,
        // Who holds the case (认领) and whether the reader may claim or release it.
        claim: claimPanel(staff, page.view),
        done: '',
        refusal: null,
        ...extra,
      },
      status,
    );
  }
}

/** The state a Conflict's details name (`details.state`), '' when none. */
function stateIn(e: Conflict): string {
  const state = (e.details as { state?: unknown } | undefined)?.state;
  return typeof state === 'string' ? state : '';
}

/** The fields a 400 names: the api's validation (BadRequestException with details) or an InvalidInput; else null. */
function fieldProblems(e: unknown): FieldProblem[] | null {
  if (e instanceof InvalidInput) return (e.details as FieldProblem[]) ?? [];
  if (e instanceof BadRequestException) {
    const answer = e.getResponse() as { details?: FieldProblem[] };
    return Array.isArray(answer.details) ? answer.details : [];
  }
  return null;
}
