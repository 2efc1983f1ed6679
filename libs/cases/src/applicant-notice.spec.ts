import { applicantNotice } from './applicant-notice';

/** Events at 23:30 UTC on 30 November: already 1 December in Beijing, the day the notice bears. */
const ev = (type: string, payload: Record<string, unknown> = {}) => ({
  type,
  payload,
  occurredAt: new Date('2026-11-30T23:30:00Z'),
});

describe('the notice an applicant sees', () => {
  it('lists every missing material at once while the case is returned for correction', () => {
    const notice = applicantNotice('returnedForCorrection', [
      ev('RECEIVE'),
      ev('FAIL_FORM_CHECK', { missing: ['户口簿', '结婚证'], note: '请携带原件' }),
    ]);
    expect(notice).toEqual({
      kind: 'correction',
      title: '补正材料一次性告知书',
      issuedOn: '2026-12-01',
      missing: ['户口簿', '结婚证'],
      note: '请携带原件',
    });
  });

  it('shows the latest supplement request, not an earlier one', () => {
    const notice = applicantNotice('supplementRequested', [
      ev('REQUEST_SUPPLEMENT', { items: ['A'], note: 'first' }),
      ev('SUPPLEMENT_RECEIVED'),
      ev('REQUEST_SUPPLEMENT', { items: ['B'], note: 'second' }),
    ]);
    expect(notice).toMatchObject({ kind: 'supplement', items: ['B'], note: 'second' });
  });

  it('drops the one-time notice once the materials are in, and keeps a refusal to the end', () => {
    expect(
      applicantNotice('identityVerified', [ev('REQUEST_SUPPLEMENT', { items: ['A'], note: 'x' })]),
    ).toBeNull();
    const refusal = ev('REFUSE', { reason: '不属于本机关职权范围', legalBasis: '行政许可法第三十二条' });
    expect(
      applicantNotice('resultDelivered', [refusal, ev('DISPATCH_RESULT'), ev('RESULT_DELIVERED')]),
    ).toEqual({
      kind: 'refusal',
      title: '不予受理通知书',
      issuedOn: '2026-12-01',
      reason: '不属于本机关职权范围',
      legalBasis: '行政许可法第三十二条',
    });
  });

  it('shows the decision and its result document', () => {
    const result = { documentType: '公证书', documentNumber: 'N1' };
    expect(applicantNotice('accepted.concluded', [ev('APPROVE', { result })])).toMatchObject({
      outcome: 'approved',
      result,
    });
    expect(applicantNotice('received', [])).toBeNull();
  });
});
