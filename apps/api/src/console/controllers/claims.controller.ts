import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '@app/accounts';
import { CaseQueryService, ClaimService, invalidField, staffActor } from '@app/cases';
import { Conflict, InvalidInput } from '@app/common';
import { caseIdIn } from '../http/case-id';
import { ConsolePages } from '../http/console-pages.decorator';
import { Pages } from '../http/pages';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import { claimPanel, reassignView } from '../view-models/claim-panel';
import { claimRefusal, readReassignForm, reassignRefusal } from '../view-models/claim-words';

/** Where a claim form may send the reader back to: a staff page of the console, nothing else. */
const BACK_TO = /^\/console\/staff(\/[A-Za-z0-9/_-]*)?$/;

/**
 * The version a claim form was rendered with: a page's claim is always checked against it.
 * @throws InvalidInput (400, field version) absent or malformed
 */
function versionOf(body: Record<string, unknown>): number {
  const v = typeof body?.version === 'string' ? body.version : '';
  if (!/^\d{1,9}$/.test(v)) throw invalidField('version', 'the form has no case version');
  return Number(v);
}

/**
 * 认领 / 释放 / 改派 in the console (issue 14): the claim page of a case (its holder in words, 认领
 * or 释放), the forms of `partials/claim.eta` (which the case page includes), and the reassign page
 * of supervisors and lead officers. Every post goes through ClaimService as the signed-in staff
 * member, with the version the page was rendered with: a stale page or a case another officer
 * claimed meanwhile is refused (409) with the case's current holder and state named.
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff')
export class ConsoleClaimsController {
  constructor(
    private readonly claims: ClaimService,
    private readonly queries: CaseQueryService,
    private readonly pages: Pages,
  ) {}

  /**
   * The claim page of case `id`: its number and state, who holds it (or nobody), 认领 or 释放.
   * @throws NotFound (404 page) unknown case, or out of the reader's reach
   */
  @Get('cases/:id/claim')
  async claimPage(
    @Param('id') id: string,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.renderCase(request, reply, staff, caseIdIn(id));
  }

  /** 认领: claims case `id` as the signed-in officer, then back to the page the form was on. */
  @Post('cases/:id/claim')
  claim(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.act(request, reply, staff, caseIdIn(id), body, (caseId, v) =>
      this.claims.claim(caseId, staffActor(staff), v),
    );
  }

  /** 释放: releases case `id`, which the signed-in officer holds, then back to the page the form was on. */
  @Post('cases/:id/release')
  release(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.act(request, reply, staff, caseIdIn(id), body, (caseId, v) =>
      this.claims.release(caseId, staffActor(staff), v),
    );
  }

  /**
   * 案件改派: the officers holding cases within the reader's reach; with `?from=`, that officer's
   * cases (each with a checkbox, or all) and the colleagues who may take them.
   * @throws NotAllowed (403 page) neither a supervisor nor a lead officer
   */
  @Get('claims')
  async reassignPage(
    @Query('from') from: string | undefined,
    @Query('moved') moved: string | undefined,
    @Query('to') to: string | undefined,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const done =
      /^\d{1,4}$/.test(moved ?? '') && typeof to === 'string' ? { moved: Number(moved), to } : null;
    return this.renderReassign(request, reply, staff, typeof from === 'string' ? from : undefined, { done });
  }

  /**
   * 改派: hands the ticked cases (or all, `all=1`) of `from` to `to`; back to the page with what
   * was done, or the page again with the refusal (the fields named).
   */
  @Post('claims')
  async reassign(
    @Body() body: Record<string, unknown>,
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const from = typeof body?.from === 'string' ? body.from : undefined;
    const form = readReassignForm(body);
    if ('message' in form) return this.renderReassign(request, reply, staff, from, { error: form }, 400);
    try {
      const done = await this.claims.reassign(form, staffActor(staff));
      const query = new URLSearchParams({ from: done.from, moved: String(done.cases.length), to: done.to });
      return reply.code(303).redirect(`/console/staff/claims?${query.toString()}`);
    } catch (e) {
      if (!(e instanceof InvalidInput || e instanceof Conflict)) throw e;
      const error = reassignRefusal(e);
      return this.renderReassign(request, reply, staff, from, { error }, e instanceof Conflict ? 409 : 400);
    }
  }

  private async act(
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffPrincipal,
    caseId: string,
    body: Record<string, unknown>,
    command: (caseId: string, version?: number) => Promise<unknown>,
  ) {
    try {
      await command(caseId, versionOf(body));
    } catch (e) {
      if (!(e instanceof Conflict)) throw e;
      // Refused: the page as the case is now, its current holder and state named.
      const now = await this.queries.getCase(caseId, staffActor(staff));
      return this.renderCase(request, reply, staff, caseId, claimRefusal(e, claimPanel(staff, now)), 409);
    }
    const back = typeof body?.back === 'string' && BACK_TO.test(body.back) ? body.back : null;
    return reply.code(303).redirect(back ?? `/console/staff/cases/${caseId}/claim`);
  }

  private async renderCase(
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffPrincipal,
    caseId: string,
    error: { message: string } | null = null,
    status = 200,
  ) {
    const view = await this.queries.getCase(caseId, staffActor(staff));
    const claim = claimPanel(staff, view);
    return this.pages.render(
      request,
      reply,
      'staff/case-claim',
      { title: `案件认领 ${view.caseNumber}`, staff, claim, error },
      status,
    );
  }

  private async renderReassign(
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffPrincipal,
    from: string | undefined,
    extra: { done?: { moved: number; to: string } | null; error?: { message: string } },
    status = 200,
  ) {
    const choices = reassignView(await this.claims.choices(staffActor(staff), from));
    return this.pages.render(
      request,
      reply,
      'staff/claims',
      { title: '案件改派', staff, choices, done: null, error: null, ...extra },
      status,
    );
  }
}
