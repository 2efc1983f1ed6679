import { InvalidInput } from '@app/common';
import { CASE_EVENT_TYPES, EVENT_SENDERS } from '@app/workflow';
import { parseCaseEvent } from '../../cases/dto/case-event.dto';
import { EVENT_FORMS, eventBody, fieldErrors, formsFor } from './case-event-forms';

const choices = { checklist: ['公证申请表', '申请人居民身份证', '学历证书'], requested: ['学历证书'] };
const form = (type: keyof typeof EVENT_FORMS) => EVENT_FORMS[type]!;

/** The api's 400 details for `body`, or [] when it parses. */
function refusals(body: Record<string, unknown>): { field: string }[] {
  try {
    const parsed = parseCaseEvent(body);
    if ('read' in parsed) parsed.read();
    return [];
  } catch (e) {
    return (e as { getResponse: () => { details: { field: string }[] } }).getResponse().details;
  }
}

describe('the case page’s event forms', () => {
  it('render no form for what only the system sends, nor for CHECK_IN (the parcel page records it)', () => {
    const rendered = CASE_EVENT_TYPES.filter((t) => EVENT_FORMS[t] !== null);
    for (const type of CASE_EVENT_TYPES) {
      if (EVENT_SENDERS[type].every((r) => r === 'system')) expect(rendered).not.toContain(type);
    }
    expect(rendered).not.toContain('CHECK_IN');
    expect(formsFor(['CHECK_IN', 'ACCEPT', 'TRANSFER_DELIVERED'], choices).map((f) => f.type)).toEqual([
      'ACCEPT',
    ]);
  });

  it('fill the checklist into the missing-materials checkboxes and the request into the supplement rows', () => {
    const [fail, supplement] = formsFor(['FAIL_FORM_CHECK', 'SUPPLEMENT_RECEIVED'], choices);
    expect(fail.fields[0].choices.map((c) => c.value)).toEqual(choices.checklist);
    expect(supplement.fields[0].choices.map((c) => c.value)).toEqual(['学历证书']);
  });

  it('turn posted fields into the event the JSON api parses', () => {
    const fail = eventBody(
      form('FAIL_FORM_CHECK'),
      { missing: ['学历证书', '公证申请表'], note: ' 带原件 ' },
      choices,
    );
    expect(fail).toEqual({ type: 'FAIL_FORM_CHECK', missing: ['学历证书', '公证申请表'], note: '带原件' });
    expect(refusals(fail)).toEqual([]);
    const verify = eventBody(form('VERIFY_IDENTITY'), { method: 'id-card-reader', passed: 'false' }, choices);
    expect(verify).toEqual({ type: 'VERIFY_IDENTITY', method: 'id-card-reader', passed: false });
    const approve = eventBody(
      form('APPROVE'),
      {
        'result.documentType': '公证书',
        'result.documentNumber': '(2026)沪浦证字第1号',
        'result.eLicenceId': '',
      },
      choices,
    );
    expect(approve).toEqual({
      type: 'APPROVE',
      result: { documentType: '公证书', documentNumber: '(2026)沪浦证字第1号' },
    });
    expect(refusals(approve)).toEqual([]);
    const supplement = eventBody(
      form('SUPPLEMENT_RECEIVED'),
      {
        'materials.0.name': '学历证书',
        'materials.0.handed': 'yes',
        'materials.0.form': 'copy',
        'materials.0.pages': '2',
        'materials.0.checked': 'yes',
      },
      choices,
    );
    expect(supplement).toEqual({
      type: 'SUPPLEMENT_RECEIVED',
      materials: [{ name: '学历证书', form: 'copy', pages: 2, checkedAgainstOriginal: true }],
    });
    expect(refusals(supplement)).toEqual([]);
  });

  it('leave empty fields out so the api names them, and say its refusals beside the fields in Chinese', () => {
    const forward = eventBody(form('FORWARD'), { channel: 'courier', waybillNumber: '  ' }, choices);
    expect(forward).toEqual({ type: 'FORWARD', channel: 'courier' });
    expect(fieldErrors(form('FORWARD'), refusals(forward) as never)).toEqual({
      waybillNumber: expect.stringContaining('运单号'),
    });
    const approve = eventBody(form('APPROVE'), {}, choices);
    expect(fieldErrors(form('APPROVE'), refusals(approve) as never)).toEqual({
      'result.documentType': expect.stringContaining('结果文书类型'),
    });
  });

  it('refuse a withdrawal whose confirmation is not ticked, before anything is sent', () => {
    expect(() => eventBody(form('WITHDRAW'), { reason: '申请人书面撤回' }, choices)).toThrow(InvalidInput);
    expect(eventBody(form('WITHDRAW'), { reason: '申请人书面撤回', confirm: 'yes' }, choices)).toEqual({
      type: 'WITHDRAW',
      reason: '申请人书面撤回',
    });
  });
});
