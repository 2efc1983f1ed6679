import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import cookie from '@fastify/cookie';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, may, redisConnectionOptions } from '@app/common';
import { QUEUE_NAMES } from '@app/transfer';
import { clearStaffCookie } from '../console/http/console-cookies';
import { SignInRequired, StaffSession } from '../console/http/staff-session';

/** Where the queue dashboard lives: outside `/console` and outside the api's `/api/v1`. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The dashboard's Content-Security-Policy. bull-board's page carries inline `style=` attributes and a
 * `<style>` element (its loading spinner) and a JSON data block (`<script type="application/json">`,
 * never executed), its scripts and stylesheet are files under `/admin/queues/static/`: so scripts
 * from this origin only, styles from this origin plus inline ones ('unsafe-inline' for styles, never
 * for scripts). Its link to Google Fonts is blocked (nothing fetched from elsewhere; the browser's own
 * fonts are used). The console's stricter CSP (CONSOLE_CSP) stays on `/console` only.
 */
export const QUEUE_BOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
].join('; ');

/** The page a signed-in staff member who is not an admin gets (403): Chinese, no inline code. */
const NOT_ADMIN_PAGE =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>无权访问 · 队列看板</title>' +
  '<link rel="stylesheet" href="/console/assets/console.css"></head><body><main id="main">' +
  '<h1>无权访问</h1><p>队列看板仅限系统管理员。您的岗位无权查看。</p>' +
  '<p><a href="/console/staff">返回工作台</a></p></main></body></html>';

/**
 * An onRequest hook letting through only staff the policy lets `watchQueues` (admins), from the
 * console's staff session cookie (StaffSession: the same accounts, tokens and renewal as every
 * console page): not signed in (or a lapsed, deactivated or changed account) → the cookie cleared
 * and 303 to `/console/sign-in`; signed in with another role → a 403 page.
 */
function adminOnly(session: StaffSession) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    void reply.header('content-security-policy', QUEUE_BOARD_CSP).header('cache-control', 'no-store');
    let staff;
    try {
      staff = await session.principal(request, reply);
    } catch (error) {
      if (!(error instanceof SignInRequired)) throw error;
      clearStaffCookie(request, reply);
      return reply.code(303).redirect('/console/sign-in');
    }
    if (!may(staff, 'watchQueues')) {
      return reply.code(403).type('text/html; charset=utf-8').send(NOT_ADMIN_PAGE);
    }
  };
}

/**
 * Mounts bull-board (@bull-board/api + @bull-board/fastify) at QUEUE_BOARD_PATH on the api's Fastify
 * instance, read-only, over every queue of the job map (QUEUE_NAMES, libs/transfer), with the
 * worker's Redis connection and prefix (REDIS_URL, QUEUE_PREFIX). Call before registerConsole: the
 * board registers its own @fastify/view (EJS) inside its scope, which must come before the console's
 * root view engine; for the same reason the scope registers @fastify/cookie for itself (the root's
 * cookie hook is added later and would not reach it). The queues' connections close with the app.
 */
export async function registerQueueBoard(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const session = app.get(StaffSession, { strict: false });
  const connection = redisConnectionOptions(config.REDIS_URL);
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection, prefix: config.QUEUE_PREFIX }));
  const board = new BullBoardFastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: '队列看板' } },
  });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(
    async (scope: FastifyInstance) => {
      await scope.register(cookie);
      scope.addHook('onRequest', adminOnly(session));
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
  fastify.addHook('onClose', async () => {
    await Promise.all(queues.map((queue) => queue.close()));
  });
}
