import { NOTICE_RULES } from './notice-rules';
import {
  acceptedText,
  clockAlertText,
  decidedText,
  dispatchedText,
  forwardedText,
  noticeTime,
  papersArrivedText,
  receivedText,
  supplementText,
  suspendedText,
  withdrawnText,
} from './notice-texts';

const CASE = '330902-20261201-000007';
/** 2026-12-01 14:05 in Beijing (06:05 UTC). */
const AT = new Date('2026-12-01T06:05:00Z');

describe('notice texts', () => {
  it('writes times in Beijing time, whatever the instant says in UTC', () => {
    expect(noticeTime(AT)).toBe('2026-12-01 14:05（北京时间）');
    expect(noticeTime(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02 00:30（北京时间）');
  });

  it('tells the applicant the case was received, with its number and where the query code is, not the code', () => {
    const text = receivedText(CASE, AT);
    expect(text).toBe(
      `【政务服务】您的办件（编号${CASE}）已于2026-12-01 14:05（北京时间）在窗口收件。` +
        '可凭办件编号和受理回执上的查询码查询办理进度，请勿将查询码告知他人。',
    );
    expect(text).not.toMatch(/查询码[:：]?\d/);
  });

  it('tells of forwarding, acceptance and deemed acceptance (行政许可法 art. 32)', () => {
    expect(forwardedText(CASE, AT)).toBe(
      `【政务服务】您的办件（编号${CASE}）已于2026-12-01 14:05（北京时间）转递至属地审批部门。`,
    );
    expect(acceptedText(CASE, AT, false)).toContain('由属地审批部门受理');
    expect(acceptedText(CASE, AT, true)).toContain('第三十二条，自2026-12-01 14:05（北京时间）起视为受理');
  });

  it('lists every supplement item, numbered, with the note', () => {
    expect(supplementText(CASE, AT, ['学历证书', '户口簿'], '学历证书复印件不清晰')).toBe(
      `【政务服务】您的办件（编号${CASE}）需补正材料（2026-12-01 14:05（北京时间）一次性告知）：` +
        '1.学历证书；2.户口簿。说明：学历证书复印件不清晰。请持上述材料到收件窗口一次性补齐。',
    );
  });

  it('tells of a suspension with its reason (行政许可法 art. 45)', () => {
    expect(suspendedText(CASE, AT, '组织听证')).toContain(
      '因组织听证，自2026-12-01 14:05（北京时间）起暂停计算办理时限',
    );
  });

  it('tells each decision, a denial and a refusal with their reason and legal basis', () => {
    expect(decidedText(CASE, AT, { outcome: 'approved' })).toContain('作出准予许可决定');
    expect(
      decidedText(CASE, AT, { outcome: 'denied', reason: '不符合条件', legalBasis: '《公证法》第三十一条' }),
    ).toContain('作出不予许可决定。理由：不符合条件。依据：《公证法》第三十一条。');
    expect(decidedText(CASE, AT, { outcome: 'refused', reason: '不属于本机关职权' })).toContain(
      '作出不予受理决定。理由：不属于本机关职权。书面决定书',
    );
  });

  it('gives the waybill of a result sent by mail, and says where to look for one sent online', () => {
    expect(dispatchedText(CASE, AT, { method: 'mail', waybillNumber: 'SF1234567890' })).toBe(
      `【政务服务】您的办件（编号${CASE}）的办理结果已于2026-12-01 14:05（北京时间）寄出，快递运单号SF1234567890，请注意查收。`,
    );
    expect(dispatchedText(CASE, AT, { method: 'online' })).toContain('通过网络送达');
  });

  it('tells the home jurisdiction the papers arrived, and an office of a warning and of an overdue clock', () => {
    expect(papersArrivedText(CASE, 'KS1-001', AT)).toContain(
      '事项KS1-001）的申请材料已于2026-12-01 14:05（北京时间）送达贵单位',
    );
    const dueAt = new Date('2026-12-08T15:59:59.999Z');
    expect(
      clockAlertText(CASE, {
        kind: 'warned',
        stage: 'acceptance',
        party: 'homeJurisdiction',
        dueAt,
        provisional: false,
      }),
    ).toBe(
      `【政务服务】时限预警：办件（编号${CASE}）的「受理」时限将于2026-12-08 23:59（北京时间）届满，责任方：业务属地部门，请及时办理。`,
    );
    expect(
      clockAlertText(CASE, {
        kind: 'overdue',
        stage: 'novelStage',
        party: 'courier',
        dueAt,
        provisional: false,
      }),
    ).toContain('「novelStage」时限已于2026-12-08 23:59（北京时间）届满，责任方：寄递企业');
  });

  it('says a due moment counted over a year whose holidays are not yet published is provisional', () => {
    const dueAt = new Date('2027-02-10T15:59:59.999Z');
    const alert = { stage: 'decision', party: 'homeJurisdiction', dueAt, provisional: true } as const;
    expect(clockAlertText(CASE, { ...alert, kind: 'warned' })).toContain(
      '「审查决定」时限将于2027-02-10 23:59（北京时间）（暂定，以国务院公布的节假日安排为准）届满',
    );
    expect(clockAlertText(CASE, { ...alert, kind: 'overdue' })).toContain(
      '时限已于2027-02-10 23:59（北京时间）（暂定，以国务院公布的节假日安排为准）届满',
    );
    expect(clockAlertText(CASE, { ...alert, kind: 'warned', provisional: false })).not.toContain('暂定');
  });

  it('tells the applicant their case was withdrawn, and why, whether they asked or the system deemed it', () => {
    expect(withdrawnText(CASE, AT, '逾期未补正材料，视为撤回申请')).toBe(
      `【政务服务】您的办件（编号${CASE}）已于2026-12-01 14:05（北京时间）撤回，办理终止。原因：逾期未补正材料，视为撤回申请。`,
    );
  });
});

describe('who is told of each change (NOTICE_RULES)', () => {
  it('tells the applicant of receipt, forwarding, acceptance, a supplement, a suspension, an extension, a decision, the dispatch and a withdrawal; the home jurisdiction of arrival', () => {
    const told = Object.entries(NOTICE_RULES)
      .filter(([, rule]) => rule !== null)
      .map(([type, rule]) => `${type}→${rule!.audience}:${rule!.kind}`);
    expect(told).toEqual([
      'RECEIVE→applicant:received',
      'FORWARD→applicant:forwarded',
      'TRANSFER_DELIVERED→homeJurisdiction:papersArrived',
      'REDISPATCH→applicant:forwarded',
      'ACCEPT→applicant:accepted',
      'DEEM_ACCEPTED→applicant:accepted',
      'REQUEST_SUPPLEMENT→applicant:supplementRequested',
      'SUSPEND_CLOCK→applicant:suspended',
      'EXTEND_TIME_LIMIT→applicant:extended',
      'REFUSE→applicant:decided',
      'APPROVE→applicant:decided',
      'DENY→applicant:decided',
      'DISPATCH_RESULT→applicant:dispatched',
      'WITHDRAW→applicant:withdrawn',
    ]);
  });

  it('tells the applicant in writing why the decision waits (art. 45) and why it takes longer (art. 42)', () => {
    const change = { caseNumber: CASE, itemCode: 'KS1-001', at: AT };
    expect(
      NOTICE_RULES.SUSPEND_CLOCK!.text({ ...change, payload: { kind: 'hearing', reason: '申请人申请听证' } }),
    ).toBe(
      `【政务服务】您的办件（编号${CASE}）因申请人申请听证，自2026-12-01 14:05（北京时间）起暂停计算办理时限，所需时间不计入办理期限（《中华人民共和国行政许可法》第四十五条）。`,
    );
    expect(NOTICE_RULES.EXTEND_TIME_LIMIT!.text({ ...change, payload: { reason: '需现场核查' } })).toContain(
      '因需现场核查，经本机关负责人批准，办理期限自2026-12-01 14:05（北京时间）起延长十个工作日',
    );
  });

  it('builds the supplement notice from the event payload', () => {
    const text = NOTICE_RULES.REQUEST_SUPPLEMENT!.text({
      caseNumber: CASE,
      itemCode: 'KS1-001',
      payload: { items: ['学历证书'], note: '原件缺页' },
      at: AT,
    });
    expect(text).toContain('1.学历证书。说明：原件缺页。');
  });
});
