import { intakeCommand, intakeProblems, intakeRows } from './intake-form';
import type { GuideMaterial } from './intake-guide';

const material = (name: string, form: GuideMaterial['form'], required = true): GuideMaterial => ({
  name,
  form,
  formLabel: form,
  required,
  note: '',
});

/** 学历公证's checklist, as the seed has it (invented forms aside). */
const CHECKLIST = [
  material('公证申请表', 'original'),
  material('申请人居民身份证', 'copy'),
  material('学历证书', 'original'),
];

describe('intakeRows', () => {
  it("names the power of attorney as the api requires of an agent: added, or the checklist's own row renamed", () => {
    expect(intakeRows(CHECKLIST).map((m) => m.name)).toEqual([
      '公证申请表',
      '申请人居民身份证',
      '学历证书',
      '授权委托书',
    ]);
    const withIt = [...CHECKLIST, material('授权委托书', 'original', false)];
    expect(intakeRows(withIt)).toEqual(withIt);
    const worded = [...CHECKLIST, material('授权委托书(代理人办理时)', 'original', false)];
    expect(intakeRows(worded).map((m) => [m.name, m.note])).toEqual([
      ['公证申请表', ''],
      ['申请人居民身份证', ''],
      ['学历证书', ''],
      ['授权委托书', '代理人办理时必交'],
    ]);
  });
});

describe('intakeCommand', () => {
  const rows = intakeRows(CHECKLIST);

  it('takes a natural person, the ticked materials in their forms (a copy with its check), nothing left empty', () => {
    const { command, rowOf } = intakeCommand(
      {
        itemCode: 'KS1-001',
        jurisdictionCode: 'J310115-SFJ',
        'applicant.kind': 'natural_person',
        'applicant.name': ' 程远航 ',
        'applicant.idType': 'resident_id',
        'applicant.idNumber': '330902198806141350',
        'applicant.nationality': '',
        'applicant.phone': '13800001234',
        'applicant.legalRepresentative.name': '不该带上',
        'agent.name': '',
        'mailingAddress.street': '',
        'material.0.received': 'on',
        'material.0.form': 'original',
        'material.1.received': 'on',
        'material.1.form': 'copy',
        'material.1.checked': 'on',
        'material.2.form': 'original',
        'material.3.received': '',
      },
      rows,
    );
    expect(command).toEqual({
      itemCode: 'KS1-001',
      jurisdictionCode: 'J310115-SFJ',
      applicant: {
        kind: 'natural_person',
        name: '程远航',
        idType: 'resident_id',
        idNumber: '330902198806141350',
        phone: '13800001234',
      },
      materials: [
        { name: '公证申请表', form: 'original' },
        { name: '申请人居民身份证', form: 'copy', checkedAgainstOriginal: true },
      ],
    });
    expect(rowOf).toEqual([0, 1]);
  });

  it("takes a legal person's representative, an agent and a mailing address once any of their fields is filled", () => {
    const { command, rowOf } = intakeCommand(
      {
        'applicant.kind': 'legal_person',
        'applicant.legalRepresentative.name': '苏映雪',
        'agent.phone': '13900000000',
        'mailingAddress.recipient': '苏映雪',
        'material.2.received': 'on',
        'material.2.form': 'something-else',
        'material.3.received': 'on',
        'material.3.form': 'copy',
      },
      rows,
    );
    expect(command.applicant).toEqual({ kind: 'legal_person', legalRepresentative: { name: '苏映雪' } });
    expect(command.agent).toEqual({ phone: '13900000000' });
    expect(command.mailingAddress).toEqual({ recipient: '苏映雪' });
    // An unknown form falls back to the checklist's; a copy not checked says so.
    expect(command.materials).toEqual([
      { name: '学历证书', form: 'original' },
      { name: '授权委托书', form: 'copy', checkedAgainstOriginal: false },
    ]);
    expect(rowOf).toEqual([2, 3]);
  });
});

describe('intakeProblems', () => {
  const rows = intakeRows(CHECKLIST);

  it("puts the api's problems on the form's fields in Chinese, a material's on its checklist row", () => {
    expect(
      intakeProblems(
        [
          {
            field: 'applicant.idNumber',
            message:
              'idNumber must be a resident ID number (GB 11643): 18 characters with a real birth date and check character',
          },
          { field: 'applicant.phone', message: 'applicant.phone is required' },
          { field: 'agent.phone', message: 'phone must be an 11-digit mainland mobile number' },
          { field: 'materials.1.form', message: 'form must be one of the following values: original' },
          { field: 'materials', message: 'materials must contain at least 1 elements' },
          {
            field: 'jurisdictionCode',
            message: '学历公证: J1 does not handle this item: its lead department is 市司法局',
          },
          { field: 'mailingAddress.street', message: 'something new' },
        ],
        [0, 2],
        rows,
      ),
    ).toEqual([
      {
        field: 'applicant.idNumber',
        message: '申请人证件号码与所选证件类型不符（位数、出生日期或校验位有误）',
      },
      { field: 'applicant.phone', message: '请填写申请人手机号码' },
      { field: 'agent.phone', message: '代理人手机号码须为 11 位大陆手机号码' },
      { field: 'material.2.form', message: '请选择材料“学历证书”的材料形式' },
      { field: 'materials', message: '请至少勾选一项已收到的材料' },
      { field: 'jurisdictionCode', message: '该业务属地部门不承办此事项，请另选' },
      { field: 'mailingAddress.street', message: '邮寄地址详细地址填写有误，请核对' },
    ]);
  });
});
