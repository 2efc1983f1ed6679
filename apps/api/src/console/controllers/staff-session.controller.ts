import { Body, Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsolePages } from '../http/console-pages.decorator';
import { readForm } from '../http/form';
import { Pages } from '../http/pages';
import { StaffSession } from '../http/staff-session';

/** Staff sign in to the console with the accounts of the JSON api, and sign out. */
@ConsolePages()
@Controller('console')
export class StaffSessionController {
  constructor(
    private readonly pages: Pages,
    private readonly session: StaffSession,
  ) {}

  /** The sign-in form. */
  @Get('sign-in')
  form(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.pages.render(request, reply, 'staff/sign-in', {
      title: '工作人员登录',
      values: { username: '' },
    });
  }

  /**
   * Signs in (the api's AccountService: same limits per username and per client as POST
   * /api/v1/auth/token) and goes to the staff landing page (303). A refusal shows the form again
   * (ConsolePageFilter): 401 wrong username or password, 400 a field missing, 429 too many tries.
   */
  @Post('sign-in')
  @UseGuards(ThrottlerGuard)
  async signIn(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { username, password } = readForm(body, [
      { name: 'username', label: '用户名', maxChars: 64 },
      { name: 'password', label: '密码', maxChars: 72 },
    ]);
    await this.session.signIn(request, reply, username, password);
    return reply.code(303).redirect('/console/staff');
  }

  /** Signs out in this browser (the session cookie is cleared) and goes to the sign-in page (303). */
  @Post('sign-out')
  @SkipThrottle()
  signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.session.signOut(request, reply);
    return reply.code(303).redirect('/console/sign-in');
  }
}
