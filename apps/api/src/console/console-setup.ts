import { RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { Eta } from 'eta';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse as parseQueryString } from 'node:querystring';
import { AppConfig } from '@app/common';
import { bodyIsNotJson } from '../http/json-only';
import { consoleCookieSecret } from './http/console-cookies';
import { registerQrLanding } from './http/qr-landing';
import { VIEW_HELPERS } from './view-models/view-helpers';

/** Where every console page lives: `/console/...`, outside the api's `/api/v1` prefix. */
export const CONSOLE_PATH = '/console';

/** The console's routes, excluded from the api's global prefix (Nest 11 path syntax). */
export const CONSOLE_ROUTES: RouteInfo[] = [
  { path: 'console', method: RequestMethod.ALL },
  { path: 'console/{*path}', method: RequestMethod.ALL },
];

/**
 * The Content-Security-Policy of every console answer: scripts, styles and images from the api's
 * own origin only (htmx and the stylesheet are served from the package, nothing from elsewhere,
 * no inline script or style), forms post only back to it, no framing. The JSON api and `/docs`
 * keep helmet's headers without a CSP (Swagger UI needs inline code).
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Largest console form body, bytes; larger ones answer 413. */
export const FORM_LIMIT_BYTES = 16 * 1024;

/** The files `/console/assets/` serves, and nothing else from the folders it reads. */
const ASSETS = new Set(['/console.css', '/htmx.min.js', '/scanner.js', '/intake.js']);

/**
 * The console's own folder: beside this file when run from source (ts-jest, ts-node), under the
 * bundle's folder when built (nest-cli.json copies `console/views` and `console/assets` next to
 * `dist/apps/api/main.js`, where webpack leaves `__dirname`).
 */
function consoleDir(): string {
  const candidates = [__dirname, join(__dirname, 'console')];
  const found = candidates.find((dir) => existsSync(join(dir, 'views', 'layout.eta')));
  if (!found) throw new Error(`the console's templates are missing (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * htmx's `dist` folder inside node_modules (htmx 2: `htmx.min.js`), shipped with the package.
 * Node's own resolver (createRequire): webpack would turn `require.resolve` into a module id.
 */
function htmxDir(): string {
  return join(dirname(createRequire(__filename).resolve('htmx.org/package.json')), 'dist');
}

/**
 * Adds the console to the api app (before it listens): cookies (@fastify/cookie, signed with a key
 * derived from JWT_SECRET), the Eta view engine over `console/views` (escaping every `<%= %>`),
 * the stylesheet and htmx at `/console/assets/`, the console's CSP header, and a form-body parser
 * that takes `application/x-www-form-urlencoded` under `/console/` only (elsewhere the same 415
 * as any body that is not JSON, so the JSON api still refuses cross-site HTML forms), and the
 * landing of the receipt's QR code in a browser on the applicant's sign-in form (registerQrLanding).
 */
export async function registerConsole(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const dir = consoleDir();
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(cookie, { secret: consoleCookieSecret(config) });
  app.setViewEngine({
    engine: { eta: new Eta({ autoEscape: true, defaultExtension: '.eta' }) },
    templates: join(dir, 'views'),
    // Templates are read once in production, on every render otherwise (edits show at once).
    production: process.env.NODE_ENV === 'production',
    defaultContext: { h: VIEW_HELPERS },
  });
  await app.register(fastifyStatic, {
    root: [join(dir, 'assets'), htmxDir()],
    prefix: `${CONSOLE_PATH}/assets/`,
    decorateReply: false,
    index: false,
    list: false,
    allowedPath: (pathName: string) => ASSETS.has(pathName),
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (isConsoleUrl(request.url)) void reply.header('content-security-policy', CONSOLE_CSP);
    done();
  });
  registerQrLanding(fastify);
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
    (request, body, done) => {
      if (!isConsoleUrl(request.url)) return done(bodyIsNotJson(request), undefined);
      done(null, { ...parseQueryString(body as string) });
    },
  );
}

/** Whether `url` (path and query) is the console's. */
export function isConsoleUrl(url: string): boolean {
  return url === CONSOLE_PATH || url.startsWith(`${CONSOLE_PATH}/`) || url.startsWith(`${CONSOLE_PATH}?`);
}
