import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUUID } from 'class-validator';
import type { StaffPrincipal } from '@app/accounts';
import {
  CaseQueryService,
  invalidField,
  ParcelService,
  parcelNotFound,
  staffActor,
  type Actor,
  type ParcelView,
} from '@app/cases';
import { InvalidInput, may } from '@app/common';
import { sendPdf } from '../../documents/case-documents';
import { WAYBILL } from '../../parcels/parcel.dto';
import type { Said } from '../http/console-page.filter';
import { ConsolePages } from '../http/console-pages.decorator';
import { readForm } from '../http/form';
import { Pages } from '../http/pages';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import { paperRefusal, type RefusalContext } from '../view-models/paper-refusals';
import { PaperQueries } from '../view-models/paper-queries';
import {
  checkInField,
  checkInLines,
  parcelPage,
  parcelRow,
  NOTE_MAX_CHARS,
} from '../view-models/parcel-pages';

/** Where the parcels' pages live. */
const PARCELS = '/console/staff/parcels';

/** What the open-a-parcel form may ask for: the legs a window opens, as the form names them. */
const LEGS = ['materials', 'archive'] as const;

/** What a parcel page says after an action went through (`?done=`), by action. */
const DONE_WORDS: Readonly<Record<string, string>> = {
  opened: '已开包：请逐件扫描收件回执上的案件编号装入。',
  packed: '已装入案件',
  removed: '已取出案件',
  sealed: '已封包寄出：请打印材料交接单随包寄出。',
  checkedIn: '已签收。各案件的去向见下表。',
};

/**
 * A parcel's `:id` on the console: a UUID v4, else the same 404 as an unknown parcel.
 * @throws NotFound (404) anything else
 */
function parcelId(id: string): string {
  if (!isUUID(id, '4')) throw parcelNotFound();
  return id;
}

/**
 * 寄递包裹 / 包裹签收 (issue 14, the papers): a clerk opens a parcel for a home jurisdiction, packs
 * cases by scanning the receipts' case numbers, takes one out before sealing, seals it under a
 * scanned waybill and prints its manifest; an officer sees the parcels coming to their jurisdiction
 * and checks one in against its manifest, original by original. Every action is ParcelService's,
 * as the signed-in staff member (the JSON api's `/parcels` does the same); a refusal is said in
 * Chinese on the page that was posted, and nothing of it is written.
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff/parcels')
export class ConsoleParcelsController {
  constructor(
    private readonly pages: Pages,
    private readonly parcels: ParcelService,
    private readonly cases: CaseQueryService,
    private readonly papers: PaperQueries,
  ) {}

  /**
   * The desk: a clerk's parcels being packed and sent, with the form to open one; an officer's
   * arriving parcels. `?waybill=` (scanned from a parcel's label) shows only the parcel under it.
   */
  @Get()
  desk(
    @ConsoleStaff() staff: StaffPrincipal,
    @Query('waybill') waybill: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const asked = typeof waybill === 'string' ? waybill.trim().toUpperCase() : '';
    return this.renderDesk(staff, request, reply, undefined, asked);
  }

  /** Opens a parcel (clerk): the leg and home jurisdiction chosen; to its page (303). */
  @Post()
  async open(
    @ConsoleStaff() staff: StaffPrincipal,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      const { leg, jurisdictionCode } = readForm(body, [
        { name: 'leg', label: '包裹类别', maxChars: 20 },
        { name: 'jurisdictionCode', label: '业务属地部门', maxChars: 50 },
      ]);
      const chosen = LEGS.find((l) => l === leg) ?? 'materials';
      const { parcel } = await this.parcels.open(chosen, jurisdictionCode, staffActor(staff));
      return reply.code(303).redirect(`${PARCELS}/${parcel.id}?done=opened`);
    } catch (e) {
      return this.renderDesk(staff, request, reply, this.refused(e));
    }
  }

  /** A parcel: its cases and originals; for a clerk while open, the packing and sealing forms. */
  @Get(':id')
  page(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Query('case') caseNumber: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const words = typeof done === 'string' ? DONE_WORDS[done] : undefined;
    const about =
      typeof caseNumber === 'string' && /^[0-9A-Za-z-]{1,40}$/.test(caseNumber) ? ` ${caseNumber}` : '';
    return this.renderParcel(staff, parcelId(id), request, reply, { notice: words ? words + about : '' });
  }

  /**
   * Packs the case whose number was scanned from its receipt (or typed) into the open parcel; back
   * to the parcel (303), the scan field ready for the next receipt.
   */
  @Post(':id/cases')
  async pack(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const pid = parcelId(id);
    const raw = (body as Record<string, unknown> | undefined)?.caseNumber;
    const caseNumber = typeof raw === 'string' ? raw.trim() : '';
    const ctx: RefusalContext = { caseNumber };
    try {
      readForm(body, [{ name: 'caseNumber', label: '案件编号', maxChars: 40 }]);
      const actor = staffActor(staff);
      ctx.leg = (await this.parcels.view(pid, actor)).parcel.leg;
      const caseId = await this.cases.caseIdOf({ caseNumber }, actor);
      await this.parcels.pack(pid, caseId, actor);
      return reply.code(303).redirect(`${PARCELS}/${pid}?done=packed&case=${encodeURIComponent(caseNumber)}`);
    } catch (e) {
      return this.renderParcel(staff, pid, request, reply, {
        error: this.refused(e, ctx),
        values: { caseNumber },
      });
    }
  }

  /** Takes a case out of the open parcel; back to the parcel (303). */
  @Post(':id/cases/remove')
  async unpack(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const pid = parcelId(id);
    try {
      const { caseId } = readForm(body, [{ name: 'caseId', label: '案件', maxChars: 60 }]);
      const view = await this.parcels.unpack(pid, caseId, staffActor(staff));
      const number = view.lines.find((l) => l.caseId === caseId)?.caseNumber ?? '';
      return reply.code(303).redirect(`${PARCELS}/${pid}?done=removed&case=${encodeURIComponent(number)}`);
    } catch (e) {
      return this.renderParcel(staff, pid, request, reply, { error: this.refused(e) });
    }
  }

  /**
   * Seals the open parcel under the scanned waybill, once the clerk ticked that its contents match
   * the manifest; the cases the page showed packed are sent back (`cases`), and a parcel changed
   * since is refused (ParcelService.seal). Back to the parcel (303), ready to print the manifest.
   */
  @Post(':id/seal')
  async seal(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const pid = parcelId(id);
    const waybill = typeof body?.waybillNumber === 'string' ? body.waybillNumber.trim().toUpperCase() : '';
    try {
      readForm(body, [{ name: 'waybillNumber', label: '运单号', maxChars: 30 }]);
      if (!WAYBILL.test(waybill)) throw invalidField('waybillNumber', 'not a waybill number');
      if (body?.confirmed !== 'yes') {
        throw new InvalidInput('not confirmed', [
          { field: 'confirmed', message: '请勾选“已核对包裹内原件与交接单一致”后再封包。' },
        ]);
      }
      const cases = typeof body?.cases === 'string' && body.cases ? body.cases.split(',') : [];
      await this.parcels.seal(pid, waybill, staffActor(staff), cases);
      return reply.code(303).redirect(`${PARCELS}/${pid}?done=sealed`);
    } catch (e) {
      return this.renderParcel(staff, pid, request, reply, {
        error: this.refused(e),
        values: { waybillNumber: waybill },
      });
    }
  }

  /**
   * The manifest (材料交接单) as PDF, for the signed-in clerk or officer (ParcelService.manifest):
   * shown in the browser, or with `?download=1` saved as a file (a phone may open a PDF as a blank tab).
   */
  @Get(':id/manifest.pdf')
  async manifest(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Query('download') download: unknown,
    @Res() reply: FastifyReply,
  ) {
    const doc = await this.parcels.manifest(parcelId(id), staffActor(staff));
    const pdf = sendPdf(reply, doc);
    if (download === '1') void reply.header('content-disposition', `attachment; filename="${doc.filename}"`);
    return reply.send(pdf);
  }

  /** The check-in form (officer): every travelling case of the manifest, each original with its outcome. */
  @Get(':id/check-in')
  checkInForm(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.renderCheckIn(staff, parcelId(id), request, reply);
  }

  /**
   * Checks the parcel in as the form marks each original (ParcelService.checkIn, one transaction):
   * complete cases go to the inbox, a case with an original missing or damaged goes where the
   * machine sends it; to the parcel's page (303), which shows each case's state now.
   */
  @Post(':id/check-in')
  async checkIn(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const pid = parcelId(id);
    const actor = staffActor(staff);
    try {
      const view = await this.parcels.view(pid, actor);
      await this.parcels.checkIn(pid, checkInLines(view, body), actor);
      return reply.code(303).redirect(`${PARCELS}/${pid}?done=checkedIn`);
    } catch (e) {
      const error = this.refused(e);
      return this.renderCheckIn(staff, pid, request, reply, { error, posted: body ?? {} }, error.status);
    }
  }

  /** `e` as a refusal said on the page, or thrown on to the console's error page. */
  private refused(e: unknown, ctx: RefusalContext = {}): Said {
    const said = paperRefusal(e, ctx);
    if (!said) throw e;
    return said;
  }

  private async renderDesk(
    staff: StaffPrincipal,
    request: FastifyRequest,
    reply: FastifyReply,
    error?: Said,
    waybill = '',
  ) {
    const actor = staffActor(staff);
    const [desk, names, jurisdictions] = await Promise.all([
      this.parcels.desk(actor, waybill || undefined),
      this.papers.partyNames(),
      this.papers.jurisdictions(),
    ]);
    const body = (request.body ?? {}) as Record<string, unknown>;
    return this.pages.render(
      request,
      reply,
      'staff/parcels',
      {
        title: staff.role === 'officer' ? '包裹签收' : '寄递包裹',
        staff,
        current: desk.current.map((p) => parcelRow(p, names)),
        recent: desk.recent.map((p) => parcelRow(p, names)),
        jurisdictions,
        values: { leg: body.leg ?? 'materials', jurisdictionCode: body.jurisdictionCode ?? '' },
        waybill,
        error,
      },
      error?.status ?? 200,
    );
  }

  private async renderParcel(
    staff: StaffPrincipal,
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; error?: Said; values?: Record<string, string> },
  ) {
    const [view, names] = await Promise.all([
      this.parcels.view(id, staffActor(staff)),
      this.papers.partyNames(),
    ]);
    const page = parcelPage(view, names);
    return this.pages.render(
      request,
      reply,
      'staff/parcel',
      {
        title: `包裹 ${page.row.parcelNumber}`,
        staff,
        page,
        // Packing, taking out and sealing are offered to whom the policy lets pack (the window's clerk).
        mayPack: may(staff.role, 'packParcels'),
        values: {},
        ...extra,
      },
      extra.error?.status ?? 200,
    );
  }

  private async renderCheckIn(
    staff: StaffPrincipal,
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { error?: Said; posted?: unknown } = {},
    status = 200,
  ) {
    const actor: Actor = staffActor(staff);
    const [view, names]: [ParcelView, Awaited<ReturnType<PaperQueries['partyNames']>>] = await Promise.all([
      this.parcels.view(id, actor),
      this.papers.partyNames(),
    ]);
    return this.pages.render(
      request,
      reply,
      'staff/parcel-check-in',
      {
        title: `签收包裹 ${view.parcel.parcelNumber}`,
        staff,
        page: parcelPage(view, names),
        field: checkInField,
        noteMax: NOTE_MAX_CHARS,
        posted: extra.posted ?? {},
        error: extra.error,
      },
      status,
    );
  }
}
