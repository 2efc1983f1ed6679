import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import type { StaffPrincipal } from '@app/accounts';
import { ReceiveCaseService, staffActor } from '@app/cases';
import { CatalogueService } from '@app/catalogue';
import { assertMay, InvalidInput, type FieldProblem } from '@app/common';
import { canonicalJson } from '@app/db';
import { stateLabel } from '@app/workflow';
import { ReceiveCaseDto } from '../../cases/dto/receive-case.dto';
import { isCode } from '../../http/codes';
import { ConsolePages } from '../http/console-pages.decorator';
import { Pages } from '../http/pages';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import { validatedBody } from '../http/validated-body';
import { IdCardReader } from '../id-reader/id-card-reader';
import {
  intakeCommand,
  intakeProblems,
  intakeRows,
  MATERIAL_FORM_OPTIONS,
  ORGANISATION_ID,
  PERSON_ID_TYPE_LABELS,
  type IntakeProblem,
  type IntakeValues,
} from '../view-models/intake-form';
import { itemSearchOf, serviceGuide, type ItemSearch } from '../view-models/intake-guide';

/** The form's hidden idempotency key: one per rendered form, so a resent form receives once. */
const KEY_FIELD = 'intakeKey';
const KEY = /^[A-Za-z0-9-]{1,64}$/;

/** What the intake page shows besides the frame. */
interface IntakePageData {
  q: string;
  search: ItemSearch;
  values: IntakeValues;
  problems: IntakeProblem[];
}

/**
 * The clerk's window (收件窗口): item search with the service guide, and the intake form that
 * receives a case through ReceiveCaseService as the signed-in clerk, checked by the same DTO as
 * POST /api/v1/applications. Also the ID-card reader's endpoint for the page's script.
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff')
export class IntakeController {
  constructor(
    private readonly pages: Pages,
    private readonly catalogue: CatalogueService,
    private readonly receiving: ReceiveCaseService,
    private readonly reader: IdCardReader,
  ) {}

  /**
   * The intake page: `q` searches items (Chinese → name and scenario, else code prefix); `item`
   * (a code) shows its service guide and the intake form with its materials checklist.
   */
  @Get('intake')
  async page(
    @Query('q') q: unknown,
    @Query('item') item: unknown,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const code = typeof item === 'string' && isCode('item', item) ? item : '';
    return this.render(request, reply, staff, {
      q: typeof q === 'string' ? q : '',
      search: itemSearchOf(q),
      values: { itemCode: code, [KEY_FIELD]: randomUUID() },
      problems: [],
    });
  }

  /**
   * Receives the posted intake form as the signed-in clerk (403 for anyone else): 200 with the
   * received page (case number, query code, receipt and case links). A refusal (400, the api's
   * field problems) shows the form again with each problem beside its field, in Chinese, and every
   * value kept. The form's idempotency key makes a resent form (reload, a second Ctrl+Enter) answer
   * the first receipt instead of receiving twice.
   */
  @Post('intake')
  async receive(
    @Body() body: unknown,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const actor = staffActor(staff);
    assertMay(actor, 'receive');
    const values = formValues(body);
    const item = await this.catalogue.item(values.itemCode ?? '');
    const rows = intakeRows(serviceGuide(item, []).materials);
    const { command, rowOf } = intakeCommand(values, rows);
    const key = KEY.test(values[KEY_FIELD] ?? '') ? values[KEY_FIELD] : randomUUID();
    try {
      const dto = await validatedBody(ReceiveCaseDto, command);
      const requestHash = createHash('sha256').update(canonicalJson(command)).digest('hex');
      const receipt = await this.receiving.receive(dto, actor, {
        scope: `clerk:${staff.username}`,
        key: `console-${key}`,
        requestHash,
      });
      return this.pages.render(request, reply, 'staff/intake-received', {
        title: '收件成功',
        staff,
        receipt,
        itemName: item.name,
        stateLabel: stateLabel(receipt.state)?.label ?? receipt.state,
      });
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      const problems = intakeProblems((e.details as FieldProblem[]) ?? [], rowOf, rows);
      return this.render(request, reply, staff, { q: '', search: { by: 'none' }, values, problems }, 400);
    }
  }

  /**
   * Reads the ID card on the reader of the clerk's window once (IdCardReader; a stand-in unless the
   * deployment binds a real one) and answers it as JSON for the page's script to fill the form.
   */
  @Get('id-reader/read')
  async readIdCard(@ConsoleStaff() staff: StaffPrincipal, @Res() reply: FastifyReply) {
    assertMay(staffActor(staff), 'receive');
    const card = await this.reader.read(staff.role === 'clerk' ? staff.windowCode : '');
    return reply.header('cache-control', 'no-store').send(card);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffPrincipal,
    data: IntakePageData,
    status = 200,
  ) {
    const code = data.values.itemCode ?? '';
    const [results, item, jurisdictions] = await Promise.all([
      this.searchItems(data.search),
      code ? this.catalogue.item(code).catch(() => null) : null,
      this.catalogue.jurisdictions(),
    ]);
    const guide = item ? serviceGuide(item, jurisdictions) : null;
    return this.pages.render(
      request,
      reply,
      'staff/intake',
      {
        title: guide ? `收件：${guide.name}` : '收件',
        staff,
        ...data,
        results,
        guide,
        rows: guide ? intakeRows(guide.materials) : [],
        keyField: KEY_FIELD,
        problemOf: Object.fromEntries(data.problems.map((p) => [p.field, p.message])),
        personIdTypes: PERSON_ID_TYPE_LABELS,
        organisationId: ORGANISATION_ID,
        formOptions: MATERIAL_FORM_OPTIONS,
      },
      status,
    );
  }

  /** The items `search` finds: by name and scenario, or by code prefix; none for no search. */
  private async searchItems(search: ItemSearch) {
    if (search.by === 'none') return null;
    const items =
      search.by === 'name'
        ? await this.catalogue.items({ q: search.text })
        : (await this.catalogue.items({})).filter((i) => i.code.startsWith(search.text));
    return items.map((i) => ({ code: i.code, name: i.name, scenario: i.scenario }));
  }
}

/** The string fields of a posted form (a repeated field keeps its last value). */
function formValues(body: unknown): Record<string, string> {
  const posted = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(posted)
      .map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v] as const)
      .filter((e): e is readonly [string, string] => typeof e[1] === 'string'),
  );
}
