import { ArgumentsHost, Catch, Injectable, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInput, NotFound, type FieldProblem } from '@app/common';
import { answerTo } from '../../http/error-shape.filter';
import { clearStaffCookie } from './console-cookies';
import { CsrfRefused } from './csrf';
import { CaseNotOpened } from './opened-case';
import { Pages } from './pages';
import { SignInRequired } from './staff-session';

/** A form whose refusals are shown on the form itself: its template, title and the fields given back. */
interface FormPage {
  template: string;
  title: string;
  /** Fields written back into the form after a refusal (never a password or a query code). */
  keep: string[];
  /** What a NotFound means on this form. */
  notFound?: string;
}

/** The console's forms, by method and route. */
const FORM_PAGES: Readonly<Record<string, FormPage>> = {
  'POST /console/sign-in': {
    template: 'staff/sign-in',
    title: '工作人员登录',
    keep: ['username'],
  },
  'POST /console/track': {
    template: 'applicant/sign-in',
    title: '办件进度查询',
    keep: ['caseNumber'],
    notFound: '案件编号或查询码不正确，请核对收件回执',
  },
};

/** An error as a console page says it: HTTP status and a sentence in Chinese, with the fields it names. */
export interface Said {
  status: number;
  message: string;
  fields: FieldProblem[];
}

/** What each status says on a page when nothing more particular applies. */
const STATUS_WORDS: Readonly<Record<number, string>> = {
  400: '请检查填写的内容。',
  401: '用户名或密码不正确，或账户已停用。',
  403: '您的岗位无权进行此操作。',
  404: '未找到该页面或该案件。',
  409: '案件当前状态不允许此操作。',
  413: '提交的内容过长。',
  415: '提交的格式不正确。',
  429: '尝试次数过多，请稍后再试。',
  503: '系统繁忙，请稍后再试。',
};

/**
 * Writes the console's errors as pages in Chinese (the JSON api's ErrorShapeFilter writes JSON; the
 * status, Retry-After and the log are the same, `answerTo`): a missing or lapsed staff session goes
 * to the sign-in page (303), an applicant's page of a case not opened in this browser to the
 * applicant's sign-in form (303); a refused form post (wrong password, wrong query code, a field missing,
 * too many tries) shows its form again with the reason and the fields it may keep; anything else is
 * an error page with its status. A 500 says nothing of its cause.
 */
@Catch()
@Injectable()
export class ConsolePageFilter implements ExceptionFilter {
  private readonly logger = new Logger('ConsolePageFilter');

  constructor(private readonly pages: Pages) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof SignInRequired) {
      clearStaffCookie(request, reply);
      void reply.code(303).redirect('/console/sign-in');
      return;
    }
    if (exception instanceof CaseNotOpened) {
      void reply.code(303).redirect(exception.to);
      return;
    }
    const form = FORM_PAGES[`${request.method} ${request.routeOptions.url ?? ''}`];
    const said = saying(exception, answerTo(exception, reply, this.logger).statusCode, form);
    if (form && said.status !== 403 && said.status < 500) {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(
        form.keep.map((f) => [f, typeof body[f] === 'string' ? body[f] : '']),
      );
      await this.pages.render(
        request,
        reply,
        form.template,
        { title: form.title, error: said, values },
        said.status,
      );
      return;
    }
    await this.pages.render(request, reply, 'error', { title: '无法办理', error: said }, said.status);
  }
}

/** What a page says of `exception`, answered with `status`, on `form` (if a form was posted). */
function saying(exception: unknown, status: number, form: FormPage | undefined): Said {
  if (exception instanceof CsrfRefused) {
    return { status, message: '页面已过期或来源不明，未予办理。请重新打开页面后再提交。', fields: [] };
  }
  if (exception instanceof InvalidInput) {
    return { status, message: STATUS_WORDS[400], fields: (exception.details as FieldProblem[]) ?? [] };
  }
  if (exception instanceof NotFound && form?.notFound) return { status, message: form.notFound, fields: [] };
  return { status, message: STATUS_WORDS[status] ?? '系统内部错误，请稍后再试。', fields: [] };
}
