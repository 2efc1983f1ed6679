import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { StaffPrincipal } from '@app/accounts';
import { DocumentViews, staffActor } from '@app/cases';
import { caseDocument, sendPdf } from '../../documents/case-documents';
import { ConsolePages } from '../http/console-pages.decorator';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import { CasePageQueries } from '../view-models/case-page-queries';

/**
 * The case's documents printed from the staff case page (收件回执, 一次性告知书, 不予受理通知书,
 * 受理通知书): the same PDFs as the JSON api's `GET /applications/:id/documents/:document.pdf`
 * (DocumentViews.render as the signed-in staff member), streamed through the console's session.
 * The receipt prints its query code masked, unless the page that prints it right after receiving
 * passes the code (`?code=`, checked against the case: DocumentViews.render).
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff/cases')
export class CaseDocumentsController {
  constructor(
    private readonly queries: CasePageQueries,
    private readonly documents: DocumentViews,
  ) {}

  /**
   * Document `:document` of case `:id` (case number or id) as a PDF shown in the browser; `code`
   * (six digits), for the receipt: its query code, printed when it is the case's.
   * @throws NotFound (404) no such document, or no case the staff member may read
   * @throws Conflict (409) the document does not apply to the case yet (an error page names it)
   */
  @Get(':id/documents/:document.pdf')
  async document(
    @Param('id') ref: string,
    @Param('document') name: string,
    @Query('code') code: unknown,
    @ConsoleStaff() staff: StaffPrincipal,
    @Res() reply: FastifyReply,
  ) {
    const id = await this.queries.caseIdOf(staff, ref);
    const queryCode = typeof code === 'string' && /^\d{6}$/.test(code) ? code : undefined;
    const doc = await this.documents.render(caseDocument(name), id, staffActor(staff), queryCode);
    return reply.send(sendPdf(reply, doc));
  }
}
