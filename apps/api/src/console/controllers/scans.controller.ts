import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '@app/accounts';
import { CaseQueryService, invalidField, ScanService, staffActor } from '@app/cases';
import { readScanUpload } from '../../scans/scan-upload';
import type { Said } from '../http/console-page.filter';
import { caseIdIn } from '../http/case-id';
import { ConsolePages } from '../http/console-pages.decorator';
import { Pages } from '../http/pages';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import { paperRefusal } from '../view-models/paper-refusals';
import { scanUploadPanel } from '../view-models/scan-upload';

/** Where a case's console pages live. */
const CASES = '/console/staff/cases';

/**
 * 扫描上传 (issue 14): the window's clerk uploads the scan of a material handed in for a case, as
 * POST /api/v1/applications/:id/scans does (ScanService.upload, the same multipart reader), with
 * the case version the page was rendered with: a case changed since is refused, nothing kept. The
 * form is the partial `views/partials/scan-upload.eta` (ScanUploadPanel), which the case's page
 * includes too; here it has a page of its own, with the scans uploaded so far.
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff/cases')
export class ConsoleScansController {
  constructor(
    private readonly pages: Pages,
    private readonly cases: CaseQueryService,
    private readonly scans: ScanService,
  ) {}

  /** The case's scans and the upload form. */
  @Get(':id/scans')
  page(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Query('uploaded') uploaded: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const notice = typeof uploaded === 'string' && uploaded ? `已上传「${uploaded}」的扫描件。` : '';
    return this.render(staff, caseIdIn(id), request, reply, { notice });
  }

  /**
   * Takes the upload (multipart: `material`, then `file`; `?version=` the page's case version,
   * `?back=case` to return to the case's page): to the page it came from (303), or the scans page
   * again with the refusal in Chinese.
   */
  @Post(':id/scans')
  async upload(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('id') id: string,
    @Query('version') version: unknown,
    @Query('back') back: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const cid = caseIdIn(id);
    try {
      if (!request.isMultipart()) throw invalidField('file', 'not multipart/form-data');
      const expected = typeof version === 'string' && /^\d{1,9}$/.test(version) ? Number(version) : undefined;
      if (expected === undefined) throw invalidField('version', 'the page’s case version is missing');
      const { material, bytes } = await readScanUpload(request);
      await this.scans.upload(cid, material, bytes, staffActor(staff), expected);
      const to = back === 'case' ? `${CASES}/${cid}` : `${CASES}/${cid}/scans`;
      return reply.code(303).redirect(`${to}?uploaded=${encodeURIComponent(material)}`);
    } catch (e) {
      const error = paperRefusal(e);
      if (!error) throw e;
      return this.render(staff, cid, request, reply, { error }, error.status);
    }
  }

  private async render(
    staff: StaffPrincipal,
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; error?: Said },
    status = 200,
  ) {
    const view = await this.cases.getCase(id, staffActor(staff));
    return this.pages.render(
      request,
      reply,
      'staff/case-scans',
      { title: `扫描件 · ${view.caseNumber}`, staff, ...scanUploadPanel(view), ...extra },
      status,
    );
  }
}
