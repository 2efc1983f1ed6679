import { rmSync } from 'node:fs';
import { ApplicantRepository } from '@app/cases';
import { DEVELOPMENT_PII_KEY, PiiCipher } from '@app/common';
import {
  AGENT,
  CLERK,
  COMPANY_APPLICANT,
  MAILING_ADDRESS,
  notarisationApplication,
  scanPage,
  SUPERVISOR,
  TEST_STAFF_PASSWORD,
} from './support/fixtures';
import { signIn } from './support/http';
import {
  permanentResidence2017,
  permanentResidence2023,
  residencePermit,
  residentId,
} from './support/resident-id';
import { startStack, type InProcessStack } from './support/stack';
import { TEST_ENV } from './support/test-env';

/** `id` with its last character (its check character) changed to another. */
const wrongLast = (id: string) => id.slice(0, -1) + (id.endsWith('1') ? '2' : '1');

const COMPANY = COMPANY_APPLICANT;
const ADDRESS = MAILING_ADDRESS;

/** Issue 13 items 1 and 2: applicants as they come, evidence as it was seen. */
describe('applicants as they come, evidence as it was seen', () => {
  let api: InProcessStack;
  let n = 1300;
  beforeAll(async () => {
    rmSync(TEST_ENV.STORAGE_DIR, { recursive: true, force: true });
    api = await startStack();
  });
  afterAll(() => api.stop());

  const receive = (over: Record<string, unknown>) => {
    const body = notarisationApplication(++n);
    return api.call('POST', '/applications', { ...CLERK, body: { ...body, ...over } });
  };
  const withApplicant = (applicant: Record<string, unknown>) =>
    receive({ applicant: { ...notarisationApplication(n + 1).applicant, ...applicant } });
  const fields = (res: { body: { details?: { field: string }[] } }) => res.body.details?.map((d) => d.field);
  const view = async (id: string, as: object = CLERK) =>
    (await api.call('GET', `/applications/${id}`, as)).body;

  describe('each identity document, as its standard writes it', () => {
    const documents: [string, Record<string, string>][] = [
      ['居民身份证', { idType: 'resident_id', idNumber: residentId('330902', '19900307', '157') }],
      [
        '港澳居民居住证 (香港)',
        { idType: 'hk_macao_residence_permit', idNumber: residencePermit('810000', '19900307', '123') },
      ],
      [
        '港澳居民居住证 (澳门)',
        { idType: 'hk_macao_residence_permit', idNumber: residencePermit('820000', '19851111', '456') },
      ],
      [
        '台湾居民居住证',
        { idType: 'taiwan_residence_permit', idNumber: residencePermit('830000', '20010203', '789') },
      ],
      [
        '外国人永久居留身份证 (2017)',
        {
          idType: 'foreign_permanent_residence_id',
          idNumber: permanentResidence2017('GBR', '3101', '880415', '1'),
        },
      ],
      [
        '外国人永久居留身份证 (2023)',
        {
          idType: 'foreign_permanent_residence_id',
          idNumber: permanentResidence2023('31', '826', '19880415', '001'),
        },
      ],
    ];

    it.each(documents)(
      'takes a %s, and refuses it with a wrong check character naming the field',
      async (_what, id) => {
        const taken = await withApplicant(id);
        expect(taken.status).toBe(201);
        expect((await view(taken.body.id)).applicant).toMatchObject(id);
        const refused = await withApplicant({ ...id, idNumber: wrongLast(id.idNumber) });
        expect({ status: refused.status, fields: fields(refused) }).toEqual({
          status: 400,
          fields: ['applicant.idNumber'],
        });
      },
    );

    it('takes a passport with its nationality, and refuses one without it or with a malformed number', async () => {
      const passport = { idType: 'passport', idNumber: '123456789', nationality: 'GBR' };
      const taken = await withApplicant(passport);
      expect(taken.status).toBe(201);
      expect((await view(taken.body.id)).applicant).toMatchObject(passport);
      const noNationality = await withApplicant({ idType: 'passport', idNumber: '123456789' });
      expect(fields(noNationality)).toContain('applicant.nationality');
      const malformed = await withApplicant({ ...passport, idNumber: '12-3456' });
      expect({ status: malformed.status, fields: fields(malformed) }).toEqual({
        status: 400,
        fields: ['applicant.idNumber'],
      });
      // a Chinese passport keeps its series (E + 8 characters)
      expect(fields(await withApplicant({ ...passport, nationality: 'CHN' }))).toEqual([
        'applicant.idNumber',
      ]);
      // a resident ID number is not a permit's
      expect(
        fields(
          await withApplicant({
            idType: 'hk_macao_residence_permit',
            idNumber: residentId('330902', '19900307', '157'),
          }),
        ),
      ).toEqual(['applicant.idNumber']);
    });
  });

  it('takes a company with a right credit code and its representative, and refuses a wrong check character', async () => {
    const wrong = await receive({ applicant: { ...COMPANY, idNumber: wrongLast(COMPANY.idNumber) } });
    expect({ status: wrong.status, fields: fields(wrong) }).toEqual({
      status: 400,
      fields: ['applicant.idNumber'],
    });
    const noRepresentative = await receive({ applicant: { ...COMPANY, legalRepresentative: undefined } });
    expect(fields(noRepresentative)).toEqual(['applicant.legalRepresentative']);
    const asPerson = await receive({
      applicant: { ...COMPANY, kind: 'natural_person', legalRepresentative: undefined },
    });
    expect(fields(asPerson)).toEqual(['applicant.idType']);
    const badRepresentative = await receive({
      applicant: {
        ...COMPANY,
        legalRepresentative: {
          ...COMPANY.legalRepresentative,
          idNumber: wrongLast(COMPANY.legalRepresentative.idNumber),
        },
      },
    });
    expect(fields(badRepresentative)).toEqual(['applicant.legalRepresentative.idNumber']);
    const taken = await receive({ applicant: COMPANY });
    expect(taken.status).toBe(201);
    expect((await view(taken.body.id)).applicant).toMatchObject({
      kind: 'legal_person',
      name: COMPANY.name,
      idNumber: COMPANY.idNumber,
      legalRepresentative: COMPANY.legalRepresentative,
    });
  });

  it('asks an agent for the power of attorney: the form check names 授权委托书 until it is handed in', async () => {
    const badAgent = await receive({ agent: { ...AGENT, idNumber: wrongLast(AGENT.idNumber) } });
    expect(fields(badAgent)).toEqual(['agent.idNumber']);
    const { body } = await receive({ agent: AGENT });
    const refused = await api.call('POST', `/applications/${body.id}/events`, {
      ...CLERK,
      body: { type: 'PASS_FORM_CHECK' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.details.rule).toBe('required materials missing: 授权委托书 (original)');
    expect((await view(body.id)).missingMaterials).toEqual(['授权委托书 (original)']);
    expect((await view(body.id)).applicant.agent).toEqual(AGENT);

    const materials = [...notarisationApplication().materials, { name: '授权委托书', form: 'original' }];
    const withLetter = await receive({ agent: AGENT, materials });
    const passed = await api.call('POST', `/applications/${withLetter.body.id}/events`, {
      ...CLERK,
      body: { type: 'PASS_FORM_CHECK' },
    });
    expect({ status: passed.status, state: passed.body.state }).toEqual({
      status: 200,
      state: 'formChecked',
    });
  });

  it('checks that the district lies in the city and the city in the province', async () => {
    const wrongDistrict = await receive({ mailingAddress: { ...ADDRESS, districtCode: '330203' } });
    expect({ status: wrongDistrict.status, fields: fields(wrongDistrict) }).toEqual({
      status: 400,
      fields: ['mailingAddress.districtCode'],
    });
    const wrongCity = await receive({ mailingAddress: { ...ADDRESS, provinceCode: '320000' } });
    expect(fields(wrongCity)).toEqual(['mailingAddress.cityCode']);
    const noDistrict = await receive({ mailingAddress: { ...ADDRESS, districtCode: undefined } });
    expect(fields(noDistrict)).toEqual(['mailingAddress.districtCode']);
    const municipality = await receive({
      mailingAddress: { ...ADDRESS, provinceCode: '110000', cityCode: '110000', districtCode: '110105' },
    });
    expect(municipality.status).toBe(201);

    const taken = await receive({ mailingAddress: ADDRESS });
    expect((await view(taken.body.id)).applicant.mailingAddress).toEqual(ADDRESS);
    const addresses = new ApplicantRepository(api.dataSource.manager, new PiiCipher(DEVELOPMENT_PII_KEY));
    expect(await addresses.mailingAddressOf(taken.body.id)).toEqual(ADDRESS);
    expect(await addresses.mailingAddressOf(municipality.body.id)).toMatchObject({ cityCode: '110000' });
  });

  it('keeps agent, representative and address encrypted, masks them for the applicant and a supervisor', async () => {
    const taken = await receive({ applicant: COMPANY, agent: AGENT, mailingAddress: ADDRESS });
    const [row] = await api.dataSource.query(`SELECT * FROM applications WHERE id = $1`, [taken.body.id]);
    expect(JSON.stringify(row)).not.toMatch(/周一鸣|陈若溪|环城南路|13800571111|13800572222/);
    for (const column of ['applicant_details', 'agent', 'mailing_address'])
      expect(row[column]).toMatch(/^v2:/);

    const masked = {
      legalRepresentative: {
        name: '陈**',
        idType: 'resident_id',
        idNumber: `3309**********${COMPANY.legalRepresentative.idNumber.slice(-4)}`,
      },
      agent: {
        name: '周**',
        idType: 'resident_id',
        idNumber: `3309**********${AGENT.idNumber.slice(-4)}`,
        phone: '138****1111',
      },
      mailingAddress: { ...ADDRESS, street: '环城***', recipient: '林**', phone: '138****2222' },
    };
    expect((await view(taken.body.id, SUPERVISOR)).applicant).toMatchObject({
      ...masked,
      phone: '138****3333',
    });
    const tracked = (await api.call('GET', `/track/${taken.body.caseNumber}?code=${taken.body.queryCode}`))
      .body;
    expect(tracked.applicant).toMatchObject(masked);
    expect(JSON.stringify(tracked)).not.toMatch(/周一鸣|陈若溪|环城南路/);
    // the case's own clerk sees them in full
    expect((await view(taken.body.id)).applicant).toMatchObject({ agent: AGENT, mailingAddress: ADDRESS });
  });

  it('records who checked a copy against its original and when, and a scan of it carries that', async () => {
    const onOriginal = await receive({
      materials: [{ name: '公证申请表', form: 'original', checkedAgainstOriginal: true }],
    });
    expect(fields(onOriginal)).toEqual(['materials.0.checkedAgainstOriginal']);
    // the client's word is only the boolean: who and when are the server's
    const claimed = await receive({
      materials: [
        {
          name: '申请人居民身份证',
          form: 'copy',
          checkedAgainstOriginal: true,
          originalCheckedBy: 'someone',
        },
      ],
    });
    expect(fields(claimed)).toEqual(['materials.0.originalCheckedBy']);
    const before = Date.now();
    const { body } = await receive({
      materials: [
        { name: '公证申请表', form: 'original' },
        { name: '申请人居民身份证', form: 'copy', checkedAgainstOriginal: true },
        { name: '学历证书', form: 'certifiedCopy', pages: 2 },
      ],
    });
    const [receipt] = await api.dataSource.query(
      `SELECT actor_id FROM case_events WHERE application_id = $1 AND seq = 1`,
      [body.id],
    );
    const materials = (await view(body.id)).materials;
    const checked = materials.find((m: { name: string }) => m.name === '申请人居民身份证');
    expect(checked.originalCheckedBy).toBe(receipt.actor_id);
    expect(new Date(checked.originalCheckedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(materials.find((m: { name: string }) => m.name === '学历证书')).toMatchObject({
      form: 'certifiedCopy',
      originalCheckedBy: null,
    });
    // the certified copy of the diploma does not stand for the original the checklist asks
    expect((await view(body.id)).missingMaterials).toEqual(['学历证书 (original)']);

    const clerk = { authorization: `Bearer ${await signIn(api.baseUrl, CLERK.as, TEST_STAFF_PASSWORD)}` };
    const upload = async (material: string, text: string) => {
      const form = new FormData();
      form.append('material', material);
      form.append('file', new Blob([scanPage(text)], { type: 'image/png' }), 'page.png');
      const res = await fetch(`${api.baseUrl}/applications/${body.id}/scans`, {
        method: 'POST',
        headers: clerk,
        body: form,
      });
      return (await res.json()) as Record<string, unknown>;
    };
    const scanned = await upload('申请人居民身份证', 'ID copy checked');
    expect(scanned).toMatchObject({
      originalCheckedBy: receipt.actor_id,
      originalCheckedAt: checked.originalCheckedAt,
    });
    expect((await upload('公证申请表', 'form')).originalCheckedBy).toBeNull();
    const scans = (await view(body.id)).scans;
    expect(scans).toEqual([
      expect.objectContaining({ materialName: '申请人居民身份证', originalCheckedBy: receipt.actor_id }),
      expect.objectContaining({
        materialName: '公证申请表',
        originalCheckedBy: null,
        originalCheckedAt: null,
      }),
    ]);
    const [history] = await api.dataSource.query(
      `SELECT payload FROM case_events WHERE application_id = $1 AND type = 'SCAN_UPLOADED' ORDER BY seq LIMIT 1`,
      [body.id],
    );
    expect(history.payload).toMatchObject({ originalCheckedBy: receipt.actor_id });
  });
});
