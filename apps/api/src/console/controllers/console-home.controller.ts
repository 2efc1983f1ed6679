import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { COOKIES, cookieOptions } from '../http/console-cookies';
import { ConsolePages } from '../http/console-pages.decorator';
import { Pages, TEXT_SIZES, type TextSize } from '../http/pages';

/**
 * Where a text-size change may send the reader back to: a console page of this origin, nothing
 * else; the applicant's sign-in form with its case number (`?caseNumber=`, from the receipt's QR code).
 */
const BACK_TO = /^\/console(\/[A-Za-z0-9/_-]*)?(\?caseNumber=[0-9-]+)?$/;

/** 政务服务代收代办: the console's front door (who goes where) and the reader's text size. */
@ConsolePages()
@Controller('console')
export class ConsoleHomeController {
  constructor(private readonly pages: Pages) {}

  /** The front door: the applicant's progress query and the staff sign-in. */
  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'index', { title: '异地代收代办' });
  }

  /**
   * Sets the text size (适老化: 标准, 大, 特大) for this browser (cookie `pa_text`, a year) and goes
   * back to the page the form was on; works without JavaScript. An unknown size is the standard one.
   */
  @Post('text-size')
  textSize(
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const size: TextSize = (TEXT_SIZES as readonly unknown[]).includes(body?.size)
      ? (body.size as TextSize)
      : 'standard';
    const back = typeof body?.back === 'string' && BACK_TO.test(body.back) ? body.back : '/console';
    void reply.setCookie(COOKIES.textSize, size, { ...cookieOptions(request), maxAge: 365 * 24 * 3600 });
    return reply.code(303).redirect(back);
  }
}
