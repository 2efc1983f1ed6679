import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CASE_DOCUMENTS, type CaseDocument, type RenderedDocument } from '@app/cases';
import { NotFound } from '@app/common';

/**
 * The `:document` of a `…/documents/:document.pdf` route, one of CASE_DOCUMENTS.
 * @throws NotFound (404 document) any other name
 */
export function caseDocument(name: string): CaseDocument {
  if (!(CASE_DOCUMENTS as readonly string[]).includes(name)) {
    throw new NotFound('document', `no document ${name}: one of ${CASE_DOCUMENTS.join(', ')}`);
  }
  return name as CaseDocument;
}

/**
 * Answers `doc` as a PDF shown in the browser (Content-Disposition inline, with its file name) and
 * kept out of caches: it carries personal data.
 * @returns the bytes to send
 */
export function sendPdf(reply: FastifyReply, doc: RenderedDocument): Buffer {
  reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${doc.filename}"`)
    .header('cache-control', 'no-store');
  return doc.pdf;
}

/** The OpenAPI description of a document route: a PDF, and the documents it serves. */
export const ApiPdfDocument = () =>
  applyDecorators(
    ApiProduces('application/pdf'),
    ApiOkResponse({
      description: 'the document, application/pdf',
      schema: { type: 'string', format: 'binary' },
    }),
    ApiParam({ name: 'document', enum: CASE_DOCUMENTS }),
  );
