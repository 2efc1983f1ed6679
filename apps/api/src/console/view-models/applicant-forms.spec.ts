import { InvalidInput } from '@app/common';
import { readEvaluation, readWithdrawal } from './applicant-forms';

/** The fields an InvalidInput names, with their messages. */
function refused(read: () => unknown): Record<string, string> {
  try {
    read();
  } catch (e) {
    if (e instanceof InvalidInput) {
      return Object.fromEntries(
        (e.details as { field: string; message: string }[]).map((p) => [p.field, p.message]),
      );
    }
    throw e;
  }
  throw new Error('not refused');
}

describe('readEvaluation', () => {
  it('takes both sides graded, the reason optional unless a side is 差评', () => {
    expect(
      readEvaluation({ windowGrade: 'very_satisfied', jurisdictionGrade: 'basically_satisfied' }),
    ).toEqual({
      grades: { window: 'very_satisfied', jurisdiction: 'basically_satisfied' },
      comment: undefined,
    });
    expect(
      readEvaluation({
        windowGrade: 'satisfied',
        jurisdictionGrade: 'dissatisfied',
        comment: ' 补正\r\n 要求前后不一 ',
      }),
    ).toEqual({
      grades: { window: 'satisfied', jurisdiction: 'dissatisfied' },
      comment: '补正 要求前后不一',
    });
  });

  it('assumes no grade, and asks a 差评 for its reason, naming each field in Chinese', () => {
    expect(refused(() => readEvaluation({}))).toEqual({
      windowGrade: '请为收件窗口的服务选择一项评价',
      jurisdictionGrade: '请为业务属地部门的服务选择一项评价',
    });
    expect(
      refused(() =>
        readEvaluation({ windowGrade: 'very_dissatisfied', jurisdictionGrade: 'great', comment: ' \n ' }),
      ),
    ).toEqual({
      jurisdictionGrade: '请为业务属地部门的服务选择一项评价',
      comment: '选择“不满意”或“非常不满意”时，请填写理由',
    });
    expect(
      refused(() =>
        readEvaluation({
          windowGrade: 'satisfied',
          jurisdictionGrade: 'satisfied',
          comment: '好'.repeat(501),
        }),
      ),
    ).toEqual({ comment: '理由不能超过 500 个字' });
  });
});

describe('readWithdrawal', () => {
  it('takes the reason and the version, confirmed only with confirm=yes', () => {
    expect(readWithdrawal({ reason: '已在户籍地办理', version: '5' })).toEqual({
      reason: '已在户籍地办理',
      version: 5,
      confirmed: false,
    });
    expect(readWithdrawal({ reason: '已在户籍地办理', version: '5', confirm: 'yes' }).confirmed).toBe(true);
  });

  it('refuses a missing reason or a page without its version', () => {
    expect(refused(() => readWithdrawal({ reason: '', version: '5' }))).toEqual({ reason: '请填写撤回理由' });
    expect(refused(() => readWithdrawal({ reason: '不办了' }))).toEqual({
      reason: '页面已过期，请重新打开办件进度后再撤回',
    });
  });
});
