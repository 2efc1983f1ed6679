import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isUUID } from 'class-validator';
import type { StaffPrincipal } from '@app/accounts';
import { CaseQueryService, DocumentViews, invalidField, staffActor } from '@app/cases';
import { caseDocument, sendPdf } from '../../documents/case-documents';
import { isCode } from '../../http/codes';
import { ConsolePages } from '../http/console-pages.decorator';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';

/**
 * A case's documents as PDF for the signed-in staff member: the same documents, rules and bytes as
 * GET /api/v1/applications/:id/documents/:document.pdf (DocumentViews), reached with the console's
 * session cookie instead of a bearer token, so a printed receipt is one link on a page.
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff/cases')
export class StaffDocumentsController {
  constructor(
    private readonly queries: CaseQueryService,
    private readonly documents: DocumentViews,
  ) {}

  /**
   * Document `document` (CASE_DOCUMENTS) of case `id` (its id or case number), inline. `code`, for
   * the receipt: its query code, printed when it is the case's (else masked).
   * @throws NotFound (404) unknown document, case out of the staff member's scope
   * @throws InvalidInput (400) an id that is neither a case id nor a case number; a wrong `code`
   * @throws Conflict (409) the document does not apply to the case yet
   */
  @Get(':id/documents/:document.pdf')
  async document(
    @Param('id') ref: string,
    @Param('document') name: string,
    @Query('code') code: unknown,
    @ConsoleStaff() staff: StaffPrincipal,
    @Res() reply: FastifyReply,
  ) {
    const actor = staffActor(staff);
    const doc = caseDocument(name);
    if (!isUUID(ref, '4') && !isCode('caseNumber', ref)) throw invalidField('id', 'not a case id');
    const id = await this.queries.caseIdOf(isUUID(ref, '4') ? { id: ref } : { caseNumber: ref }, actor);
    const queryCode = typeof code === 'string' && /^\d{6}$/.test(code) ? code : undefined;
    return reply.send(sendPdf(reply, await this.documents.render(doc, id, actor, queryCode)));
  }
}
