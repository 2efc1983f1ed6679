import { rowCounts } from '../support/row-counts';
import { residentId, withWrongCheckDigit } from '../support/resident-id';
import {
  badInputSuite,
  clerk,
  officer,
  supervisor,
  admin,
  putuoClerk,
  valid,
  application,
  withApplicant,
  withoutApplicant,
  staffToken,
  bearer,
  NO_TOKEN,
  ACCOUNT_REFUSED,
  title,
  type BadRequest,
} from '../support/bad-input';

/**
 * Bad input of receiving a case (POST /applications, 收件):
 * each refused with the error naming it, nothing written. The set-up and the checks every row
 * gets: test/support/bad-input.ts.
 */
describe('bad input is refused with the error naming it, and nothing is written', () => {
  const suite = badInputSuite();
  const { expectRefused } = suite;

  describe('POST /applications (收件)', () => {
    const rows: BadRequest[] = [
      {
        what: 'unknown item code',
        path: '/applications',
        body: application({ itemCode: 'KS1-999' }),
        status: 400,
        field: 'itemCode',
      },
      {
        what: 'malformed item code',
        path: '/applications',
        body: application({ itemCode: 'ks1-001' }),
        status: 400,
        field: 'itemCode',
      },
      {
        what: 'item on the negative list (KS2-009 首次申领居民身份证)',
        path: '/applications',
        body: application({ itemCode: 'KS2-009', jurisdictionCode: 'J310115-GAJ' }),
        status: 400,
        field: 'itemCode',
      },
      {
        what: 'malformed window code',
        path: '/applications',
        body: application({ windowCode: 'w330902' }),
        status: 400,
        field: 'windowCode',
      },
      {
        what: 'unknown window (not the clerk’s either)',
        path: '/applications',
        body: application({ windowCode: 'W999999' }),
        status: 403,
        field: 'windowCode',
      },
      {
        what: 'unknown home jurisdiction',
        path: '/applications',
        body: application({ jurisdictionCode: 'J999999-SFJ' }),
        status: 400,
        field: 'jurisdictionCode',
      },
      {
        what: "jurisdiction whose department is not the item's lead department (市人社局 for 学历公证)",
        path: '/applications',
        body: application({ jurisdictionCode: 'J310115-RSJ' }),
        status: 400,
        field: 'jurisdictionCode',
      },
      {
        what: 'item whose authority lies with a national body (KS1-049 航空安全员资格认定, 民航浙江安全监督管理局)',
        path: '/applications',
        body: application({ itemCode: 'KS1-049', jurisdictionCode: 'J310115-SFJ' }),
        status: 400,
        field: 'jurisdictionCode',
        message:
          'jurisdictionCode: 航空安全员资格认定: the authority lies with 民航浙江安全监督管理局 ' +
          '(属于民航浙江安全监督管理局权限), not with 上海市浦东新区 市司法局',
      },
      {
        what: 'provincial item at a prefecture-level bureau (KS1-045 国产保健食品备案, 属于省级权限)',
        path: '/applications',
        body: application({ itemCode: 'KS1-045', jurisdictionCode: 'J320100-SCJGJ' }),
        status: 400,
        field: 'jurisdictionCode',
        message:
          'jurisdictionCode: 国产保健食品备案: the authority lies with 市市场监管局 at provincial ' +
          '(省级, division xx0000) (属于省级权限), not with 江苏省南京市 市市场监管局',
      },
      {
        what: 'devolved item at a city bureau (KS1-055 执业药师注册, 已下放县区)',
        path: '/applications',
        body: application({ itemCode: 'KS1-055', jurisdictionCode: 'J350100-SCJGJ' }),
        status: 400,
        field: 'jurisdictionCode',
      },
      {
        what: 'no applicant at all',
        path: '/applications',
        body: withoutApplicant,
        status: 400,
        field: 'applicant',
      },
      {
        what: 'applicant given as an array',
        path: '/applications',
        body: application({ applicant: [] }),
        status: 400,
        field: 'applicant',
      },
      {
        what: 'applicant given as a number: the wrong type, said once',
        path: '/applications',
        body: application({ applicant: 5 }),
        status: 400,
        details: [{ field: 'applicant', message: 'applicant must be an object' }],
      },
      {
        what: 'materials given as one object, not a list: the wrong type, said once',
        path: '/applications',
        body: application({ materials: { name: '公证申请表', form: 'original' } }),
        status: 400,
        details: [{ field: 'materials', message: 'materials must be an array' }],
      },
      {
        what: 'the same material twice, one with pages that are not a number: both problems named',
        path: '/applications',
        body: application({
          materials: [{ ...valid.materials[0], pages: '2' }, valid.materials[0]],
        }),
        status: 400,
        details: [
          { field: 'materials', message: 'materials must name each material once' },
          { field: 'materials.0.pages', message: 'pages must be an integer number' },
        ],
      },
      {
        what: 'the same material named twice',
        path: '/applications',
        body: application({ materials: [...valid.materials, valid.materials[0]] }),
        status: 400,
        details: [{ field: 'materials', message: 'materials must name each material once' }],
      },
      {
        what: 'applicant without a name',
        path: '/applications',
        body: withApplicant({ name: undefined }),
        status: 400,
        details: [{ field: 'applicant.name', message: 'applicant.name is required' }],
      },
      {
        what: 'applicant name null: required, said once',
        path: '/applications',
        body: withApplicant({ name: null }),
        status: 400,
        details: [{ field: 'applicant.name', message: 'applicant.name is required' }],
      },
      {
        what: 'no item code: required, said once',
        path: '/applications',
        body: application({ itemCode: undefined }),
        status: 400,
        details: [{ field: 'itemCode', message: 'itemCode is required' }],
      },
      {
        what: 'no applicant: required, said once',
        path: '/applications',
        body: withoutApplicant,
        status: 400,
        details: [{ field: 'applicant', message: 'applicant is required' }],
      },
      {
        what: 'unknown item code and a wrong phone: both named, the unknown item too',
        path: '/applications',
        body: application({ itemCode: 'KS1-999', applicant: { ...valid.applicant, phone: '12345' } }),
        status: 400,
        details: [
          { field: 'itemCode', message: 'unknown service item KS1-999' },
          { field: 'applicant.phone', message: 'phone must be an 11-digit mainland mobile number' },
        ],
      },
      {
        what: 'empty applicant name',
        path: '/applications',
        body: withApplicant({ name: '' }),
        status: 400,
        field: 'applicant.name',
      },
      {
        what: 'applicant name of only spaces',
        path: '/applications',
        body: withApplicant({ name: '   ' }),
        status: 400,
        field: 'applicant.name',
      },
      {
        what: 'applicant name with a NUL character',
        path: '/applications',
        body: withApplicant({ name: '林\u0000晓岚' }),
        status: 400,
        field: 'applicant.name',
      },
      {
        what: 'applicant name with a lone surrogate (not Unicode text)',
        path: '/applications',
        body: withApplicant({ name: '林\ud800' }),
        status: 400,
        field: 'applicant.name',
      },
      {
        what: 'applicant name of zero-width spaces only',
        path: '/applications',
        body: withApplicant({ name: '\u200b\u200b' }),
        status: 400,
        field: 'applicant.name',
      },
      {
        what: 'applicant name with a right-to-left override',
        path: '/applications',
        body: withApplicant({ name: '\u202e岚晓林' }),
        status: 400,
        field: 'applicant.name',
      },
      {
        what: 'a body nested 5,000 levels deep',
        path: '/applications',
        raw: `{"materials":${'['.repeat(5000)}1${']'.repeat(5000)}}`,
        status: 400,
        field: 'body',
      },
      {
        what: 'ID type that is no identity document a window takes',
        path: '/applications',
        body: withApplicant({ idType: 'driving_licence' }),
        status: 400,
        field: 'applicant.idType',
      },
      {
        what: 'ID number with a wrong GB 11643 check digit',
        path: '/applications',
        body: withApplicant({ idNumber: withWrongCheckDigit(valid.applicant.idNumber) }),
        status: 400,
        field: 'applicant.idNumber',
      },
      {
        what: '17-digit ID number',
        path: '/applications',
        body: withApplicant({ idNumber: valid.applicant.idNumber.slice(0, 17) }),
        status: 400,
        field: 'applicant.idNumber',
      },
      {
        what: 'ID number born on 30 February (check digit right)',
        path: '/applications',
        body: withApplicant({ idNumber: residentId('330902', '19900230', '190') }),
        status: 400,
        field: 'applicant.idNumber',
      },
      {
        what: 'ID number born in 2099 (check digit right)',
        path: '/applications',
        body: withApplicant({ idNumber: residentId('330902', '20990101', '190') }),
        status: 400,
        field: 'applicant.idNumber',
      },
      {
        what: 'phone of 10 digits',
        path: '/applications',
        body: withApplicant({ phone: '1380000009' }),
        status: 400,
        field: 'applicant.phone',
      },
      {
        what: 'no materials handed in (empty array)',
        path: '/applications',
        body: application({ materials: [] }),
        status: 400,
        field: 'materials',
      },
      {
        what: 'material in a form other than original, copy or electronic',
        path: '/applications',
        body: application({ materials: [{ name: '公证申请表', form: 'photocopy' }] }),
        status: 400,
        field: 'materials.0.form',
      },
      {
        what: 'material name with a NUL character',
        path: '/applications',
        body: application({
          materials: [{ name: '公证申请表\u0000', form: 'original' }, ...valid.materials.slice(1)],
        }),
        status: 400,
        field: 'materials.0.name',
      },
      {
        what: 'material with 0 pages',
        path: '/applications',
        body: application({
          materials: [...valid.materials.slice(0, 2), { name: '学历证书', form: 'original', pages: 0 }],
        }),
        status: 400,
        field: 'materials.2.pages',
      },
      {
        what: 'unknown extra field',
        path: '/applications',
        body: application({ priority: 'urgent' }),
        status: 400,
        field: 'priority',
      },
      {
        what: 'unknown extra field in the applicant',
        path: '/applications',
        body: withApplicant({ nickname: '小林' }),
        status: 400,
        field: 'applicant.nickname',
      },
      {
        what: 'body that is not JSON',
        path: '/applications',
        raw: '{"itemCode": "KS1-001",',
        status: 400,
        field: 'body',
      },
      {
        what: 'body over the size limit',
        path: '/applications',
        raw: JSON.stringify(application({ note: 'x'.repeat(300 * 1024) })),
        status: 413,
        field: 'body',
      },
      {
        what: 'no Authorization header',
        path: '/applications',
        caller: null,
        body: valid,
        status: 401,
        field: 'Authorization',
        message: NO_TOKEN,
      },
      {
        what: 'a token claiming the system role (signed with the right secret)',
        path: '/applications',
        caller: null,
        headers: bearer(staffToken({ sub: 'courier-job', role: 'system', windowCode: undefined })),
        body: valid,
        status: 401,
        field: 'Authorization',
        message: ACCOUNT_REFUSED,
      },
      {
        what: 'an officer receiving',
        path: '/applications',
        caller: officer,
        body: valid,
        status: 403,
        forbidden: { role: 'officer', type: 'RECEIVE' },
      },
      {
        what: 'a supervisor receiving',
        path: '/applications',
        caller: supervisor,
        body: valid,
        status: 403,
        forbidden: { role: 'supervisor', type: 'RECEIVE' },
      },
      {
        what: 'an admin receiving (admins manage accounts, not cases)',
        path: '/applications',
        caller: admin,
        body: valid,
        status: 403,
      },
      {
        what: "the clerk of 定海区 receiving at 普陀区's window",
        path: '/applications',
        body: application({ windowCode: 'W330903' }),
        status: 403,
        field: 'windowCode',
      },
      {
        what: "the clerk of 普陀区 receiving at 定海区's window",
        path: '/applications',
        caller: putuoClerk,
        body: valid,
        status: 403,
        field: 'windowCode',
      },
    ];

    it.each(rows.map((r) => [title(r), r] as const))('%s', async (_title, r) => {
      await expectRefused(r);
    });

    it('receives the same application once it is put right', async () => {
      const before = await rowCounts(suite.api.dataSource);
      const res = await suite.api.call('POST', '/applications', { ...clerk, body: valid });
      expect({ status: res.status, state: res.body.state }).toEqual({ status: 201, state: 'received' });
      expect(await rowCounts(suite.api.dataSource)).toEqual({
        ...before,
        applications: before.applications + 1,
        materials: before.materials + valid.materials.length,
        case_events: before.case_events + 1,
        // The applicant's notice of receipt, and its notify job.
        notices: before.notices + 1,
        outbox: before.outbox + 1,
      });
    });

    it('receives a provincial or devolved item for the jurisdiction that holds its authority', async () => {
      for (const [itemCode, jurisdictionCode] of [
        ['KS1-045', 'J310000-SCJGJ'], // 属于省级权限: 上海市 is a province-level division
        ['KS1-055', 'J310115-SCJGJ'], // 已下放县区: 浦东新区 is a district
        ['KS2-001', 'J340100-GAJ'], // 省公安厅牵头实施: the local 公安 still registers
      ]) {
        const item = (await suite.api.call('GET', `/items/${itemCode}`)).body;
        const materials = item.checklist.map(({ name, form }: { name: string; form: string }) => ({
          name,
          form,
        }));
        const res = await suite.api.call('POST', '/applications', {
          ...clerk,
          body: application({ itemCode, jurisdictionCode, materials }),
        });
        expect({ itemCode, status: res.status, body: res.body }).toMatchObject({ itemCode, status: 201 });
      }
    });
  });
});
