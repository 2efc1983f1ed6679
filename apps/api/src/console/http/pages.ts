import { Injectable } from '@nestjs/common';
import type {} from '@fastify/view'; // reply.viewAsync
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '@app/accounts';
import { navOf, type NavLink } from '../view-models/staff-nav';
import { COOKIES } from './console-cookies';
import { ConsoleCsrf } from './csrf';

/** The text sizes a reader can choose (适老化): the root font size of the page. */
export const TEXT_SIZES = ['standard', 'large', 'larger'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/** The text size `request`'s cookie asks for, `standard` when none or an unknown one. */
export function textSizeOf(request: FastifyRequest): TextSize {
  const asked = request.cookies[COOKIES.textSize];
  return (TEXT_SIZES as readonly string[]).includes(asked ?? '') ? (asked as TextSize) : 'standard';
}

/** What every page's layout reads besides the page's own data. */
export interface PageFrame {
  title: string;
  csrf: string;
  textSize: TextSize;
  /** The path of this page, for the text-size form to come back to. */
  here: string;
  staff: StaffPrincipal | null;
  /** The staff's navigation links (STAFF_NAV), none for the applicant's and public pages. */
  nav: readonly NavLink[];
}

/** Renders the console's templates (console/views, Eta) into HTML answers. */
@Injectable()
export class Pages {
  constructor(private readonly csrf: ConsoleCsrf) {}

  /**
   * Answers `request` with template `template` (`staff/home` → views/staff/home.eta) given `data`,
   * the layout's frame (title, a fresh CSRF token, the text size, who is signed in) and `status`.
   */
  async render(
    request: FastifyRequest,
    reply: FastifyReply,
    template: string,
    data: { title: string; staff?: StaffPrincipal | null } & Record<string, unknown>,
    status = 200,
  ): Promise<FastifyReply> {
    const frame: PageFrame = {
      title: data.title,
      csrf: this.csrf.tokenFor(request, reply),
      textSize: textSizeOf(request),
      here: request.url.split('?')[0],
      staff: data.staff ?? null,
      nav: navOf(data.staff ?? null),
    };
    const html = await reply.viewAsync(template, { ...data, ...frame });
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }
}
