import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isCode } from '../../http/codes';

/** The tracking address the applicant's documents print and encode in their QR code (DocumentViews.trackingUrl). */
const TRACKING_ADDRESS = /^\/api\/v1\/track\/([^/?#]+)\/?(?:\?(.*))?$/;

/**
 * Where a browser opening `request` should go instead of the JSON api, or null to leave it be: a
 * GET of the tracking address `<PUBLIC_BASE_URL>/api/v1/track/<case number>` without a query code,
 * from a client that asks for HTML (a phone's browser after scanning the receipt's QR code), goes to
 * the applicant's sign-in form with the case number filled in, `/console/track?caseNumber=<n>`; the
 * query code is not in the QR code (it would stay in the browser's history and the server logs), so
 * the applicant types it. A JSON client, a request with a code, or a malformed case number: null.
 */
export function qrLanding(request: Pick<FastifyRequest, 'method' | 'url' | 'headers'>): string | null {
  if (request.method !== 'GET') return null;
  const [, caseNumber, query] = TRACKING_ADDRESS.exec(request.url) ?? [];
  if (!caseNumber || !isCode('caseNumber', caseNumber)) return null;
  if (new URLSearchParams(query ?? '').has('code')) return null;
  if (!/\btext\/html\b/.test(String(request.headers.accept ?? ''))) return null;
  return `/console/track?caseNumber=${caseNumber}`;
}

/** Sends browsers that open the receipt's QR address to the applicant's sign-in form (qrLanding), 303. */
export function registerQrLanding(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const to = qrLanding(request);
    if (!to) return done();
    void reply.code(303).header('cache-control', 'no-store').redirect(to);
  });
}
