import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountService, PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARS, type StaffPrincipal } from '@app/accounts';
import { CatalogueService } from '@app/catalogue';
import { InvalidInput, NotFound } from '@app/common';
import { ConsolePages } from '../http/console-pages.decorator';
import { readForm } from '../http/form';
import { formRefusal, keptValues, type FormRefusal } from '../http/form-refusal';
import { Pages } from '../http/pages';
import { ConsoleStaff, ConsoleStaffGuard } from '../http/staff-session';
import { accountRow, bindingChoices, newAccountOf } from '../view-models/admin-accounts';

/** Where the accounts live in the console. */
const ACCOUNTS_PATH = '/console/staff/admin/accounts';

/** What each field is called on the accounts forms, for the refusals AccountService names by field. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  username: '用户名',
  password: '密码',
  role: '岗位',
  windowCode: '绑定窗口',
  jurisdictionCode: '绑定业务属地部门',
  divisionCode: '绑定督查辖区',
  confirm: '确认',
};

/** What each field must be, as the forms say it when the account service refuses it (its reasons are English). */
const FIELD_RULES: Readonly<Record<string, string>> = {
  username: '3–64 个字符：小写字母、数字、点或横线，以字母或数字开头',
  password: `至少 ${PASSWORD_MIN_CHARS} 个可见字符（不计空格），不超过 ${PASSWORD_MAX_BYTES} 字节，不含控制字符`,
  role: '请选择岗位',
  windowCode: '请选择该岗位绑定的收件窗口',
  jurisdictionCode: '请选择该岗位绑定的业务属地部门',
  divisionCode: '请选择该岗位绑定的督查辖区',
};

/** A username taken, as the create form says it. */
const TAKEN = { field: 'username', message: '用户名已被占用', sentence: '用户名已被占用，请换一个。' };

/** Which change a post on one account made, for the sentence the account's page shows after it. */
const DONE_WORDS: Readonly<Record<string, string>> = {
  created: '账户已创建。',
  password: '密码已重置：该账户原有的登录均已失效，请将新密码告知本人。',
  deactivated: '账户已停用：该账户无法再登录，原有的登录均已失效。',
  activated: '账户已重新启用。',
};

/**
 * 系统管理 (admin): staff accounts through AccountService, as PATCH/POST /api/v1/accounts do: the
 * list, creating an account bound to a window, jurisdiction or division chosen from the catalogue,
 * resetting a password, deactivating (confirmed with a checkbox, no pop-up) and reactivating. Every
 * call is checked by the service (`keepAccounts`): another role gets the 403 page.
 */
@ConsolePages()
@UseGuards(ConsoleStaffGuard)
@Controller('console/staff/admin/accounts')
export class AdminAccountsController {
  constructor(
    private readonly pages: Pages,
    private readonly accounts: AccountService,
    private readonly catalogue: CatalogueService,
  ) {}

  /** Every account, and the form to create one. */
  @Get()
  async list(
    @ConsoleStaff() staff: StaffPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.listPage(staff, request, reply, {});
  }

  /**
   * Creates the account of the form (newAccountOf) and goes to its page (303); a refused one shows
   * the list and the form again with the reason, the fields kept (never the password).
   */
  @Post()
  async create(
    @ConsoleStaff() staff: StaffPrincipal,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const values = keptValues(body, ['username', 'role', 'windowCode', 'jurisdictionCode', 'divisionCode']);
    try {
      const form = readForm(body, [
        { name: 'username', label: '用户名', maxChars: 64 },
        { name: 'password', label: '初始密码', maxChars: 72 },
        { name: 'role', label: '岗位', maxChars: 16 },
      ]);
      const created = await this.accounts.create(staff, newAccountOf({ ...values, ...form }));
      return reply
        .code(303)
        .redirect(`${ACCOUNTS_PATH}/${encodeURIComponent(created.username)}?done=created`);
    } catch (error) {
      const refused = formRefusal(error, FIELD_LABELS, TAKEN, FIELD_RULES);
      if (!refused) throw error;
      return this.listPage(staff, request, reply, values, refused);
    }
  }

  /** One account: its facts, the password reset form, and deactivate (with its checkbox) or reactivate. */
  @Get(':username')
  async account(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('username') username: string,
    @Query('done') done: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.accountPage(staff, username, request, reply, DONE_WORDS[done ?? ''] ?? '');
  }

  /** Sets a new password (AccountService.update): the account's sessions end. */
  @Post(':username/password')
  async resetPassword(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('username') username: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.change(staff, username, request, reply, 'password', () => {
      const { password } = readForm(body, [{ name: 'password', label: '新密码', maxChars: 72 }]);
      return { password };
    });
  }

  /** Deactivates the account, only with the confirmation checkbox ticked (else 400, nothing done). */
  @Post(':username/deactivate')
  async deactivate(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('username') username: string,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.change(staff, username, request, reply, 'deactivated', () => {
      if (body.confirm !== 'yes') {
        throw new InvalidInput('not confirmed', [
          { field: 'confirm', message: '请勾选“确认停用此账户”后再提交' },
        ]);
      }
      return { active: false };
    });
  }

  /** Makes a deactivated account active again. */
  @Post(':username/activate')
  async activate(
    @ConsoleStaff() staff: StaffPrincipal,
    @Param('username') username: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.change(staff, username, request, reply, 'activated', () => ({ active: true }));
  }

  /**
   * Applies the change `read` reads from the form to account `username` and goes back to its page
   * saying `done` (303); a refusal shows the account's page with the reason.
   */
  private async change(
    staff: StaffPrincipal,
    username: string,
    request: FastifyRequest,
    reply: FastifyReply,
    done: keyof typeof DONE_WORDS,
    read: () => { active?: boolean; password?: string },
  ) {
    try {
      await this.accounts.update(staff, username, read());
      return reply.code(303).redirect(`${ACCOUNTS_PATH}/${encodeURIComponent(username)}?done=${done}`);
    } catch (error) {
      const refused = formRefusal(error, FIELD_LABELS, TAKEN, FIELD_RULES);
      if (!refused) throw error;
      return this.accountPage(staff, username, request, reply, '', refused);
    }
  }

  private async listPage(
    staff: StaffPrincipal,
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    error?: FormRefusal,
  ) {
    const accounts = await this.accounts.list(staff);
    const choices = bindingChoices(await this.catalogue.windows(), await this.catalogue.jurisdictions());
    return this.pages.render(
      request,
      reply,
      'staff/admin-accounts',
      { title: '账户管理', staff, rows: accounts.map(accountRow), choices, values, error },
      error?.status,
    );
  }

  /** @throws NotFound (404 page) no account is called `username` */
  private async accountPage(
    staff: StaffPrincipal,
    username: string,
    request: FastifyRequest,
    reply: FastifyReply,
    done: string,
    error?: FormRefusal,
  ) {
    const account = (await this.accounts.list(staff)).find((a) => a.username === username.toLowerCase());
    if (!account) throw new NotFound('account', 'account not found');
    return this.pages.render(
      request,
      reply,
      'staff/admin-account',
      {
        title: `账户 ${account.username}`,
        staff,
        account: accountRow(account),
        self: account.username === staff.username,
        done,
        error,
      },
      error?.status,
    );
  }
}
