import type { INestApplicationContext } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { DEVELOPMENT_JWT_SECRET } from '@app/common';
import { CLERK, OFFICER, SUPERVISOR, applicant, notarisationApplication } from './support/fixtures';
import { rowCounts, startApi, startWorker, waitFor, type ApiHandle } from './support/harness';
import { signIn } from './support/http';
import { residentId, withWrongCheckDigit } from './support/resident-id';
import { TEST_STAFF_PASSWORD } from './support/test-env';

/**
 * Bad requests against the real api (Fastify, PostgreSQL, Redis): each one is answered with the
 * right status and the one error shape `{ statusCode, error, message, details }` naming what is
 * wrong (the field for a 400 or 401, the allowed events for a refused event), and nothing is
 * written: the row counts of every case table, the state and version of every case, and every
 * staff account are the same after.
 */

/** A seeded staff account that signs in and sends its bearer token (see support/http). */
type Caller = { as: string };

/** Case ids and receipts created in beforeAll, by name. */
type Cases = Record<string, { id: string; caseNumber: string; queryCode: string }>;

interface BadRequest {
  /** What the caller does wrong, as the test title says it. */
  what: string;
  method?: 'GET' | 'POST' | 'PATCH';
  path: string | ((c: Cases) => string);
  /** Defaults to the clerk of 定海区; `null` signs nobody in (no Authorization header unless `headers` has one). */
  caller?: Caller | null;
  body?: unknown;
  /** Sent as is with content-type application/json, instead of `body`. */
  raw?: string;
  headers?: Record<string, string> | ((c: Cases) => Record<string, string>);
  status: number;
  /** 400 / 401 / 403: the one field `details` names. */
  field?: string;
  /** 400: the fields `details` names, when there are several (in their order). */
  fields?: string[];
  /** 400: `details` exactly: each problem said once, in these words. */
  details?: { field: string; message: string }[];
  /** 409: what `details` says. */
  conflict?: {
    reason: string;
    state?: string;
    allowedEvents?: string[];
    expectedVersion?: number;
    version?: number;
    rule?: string;
    field?: string;
    waybillNumber?: string;
  };
  /** 403: the role refused and the event type. */
  forbidden?: { role: string; type?: string };
  /** The exact message, when it matters (404s; the one answer to every failed sign-in). */
  message?: string;
}

const clerk: Caller = CLERK;
const officer: Caller = OFFICER;
const supervisor: Caller = SUPERVISOR;
const admin: Caller = { as: 'admin' };
/** The clerk of 普陀区 (W330903): not the window of the cases created here. */
const putuoClerk: Caller = { as: 'clerk-w330903' };
/** The officer of 上海市浦东新区 市人社局: same division as the cases' jurisdiction, another department. */
const otherOfficer: Caller = { as: 'officer-j310115-rsj' };

/** A valid application (distinct applicant from every case created here), changed by `over`. */
const valid = notarisationApplication(90);
const application = (over: Record<string, unknown> = {}) => ({ ...valid, ...over });
const withApplicant = (over: Record<string, unknown>) =>
  application({ applicant: { ...valid.applicant, ...over } });
const { applicant: _omitted, ...withoutApplicant } = valid;

const DIGEST = 'a'.repeat(64);
const eventsOf = (name: string) => (c: Cases) => `/applications/${c[name].id}/events`;
const caseOf = (name: string) => (c: Cases) => `/applications/${c[name].id}`;

/**
 * Bearer tokens made here, not by signing in. `staffToken` signs them as the api does (HS256 with
 * the development secret of the test environment, issuer and audience of StaffTokens, 15 minutes);
 * `over` and `options` spoil one thing at a time.
 */
const TOKEN_ISSUER = 'proxy-acceptance';
const TOKEN_AUDIENCE = 'proxy-acceptance-api';
/** What a real token of clerk-w330902 says (its account has never changed: token version 1). */
const clerkClaims = { sub: 'clerk-w330902', ver: 1, role: 'clerk', windowCode: 'W330902' };
const staffToken = (
  over: Record<string, unknown> = {},
  options: { secret?: string; algorithm?: 'HS256' | 'HS512'; audience?: string; issuer?: string } = {},
) =>
  sign({ ...clerkClaims, ...over }, options.secret ?? DEVELOPMENT_JWT_SECRET, {
    algorithm: options.algorithm ?? 'HS256',
    issuer: options.issuer ?? TOKEN_ISSUER,
    audience: options.audience ?? TOKEN_AUDIENCE,
    ...('exp' in over ? {} : { expiresIn: 900 }),
  });
const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
/** The clerk's claims, unsigned: `alg: none` and an empty signature. */
const unsignedToken = () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...clerkClaims, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 900 };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
};
/** A token of the clerk of 普陀区, signed right, whose payload then claims 定海区's window. */
const tamperedToken = () => {
  const [header, , signature] = staffToken({ sub: 'clerk-w330903', windowCode: 'W330903' }).split('.');
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...clerkClaims, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 900 };
  return `${header}.${base64url(claims)}.${signature}`;
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const anHourAgo = () => Math.floor(Date.now() / 1000) - 3600;

/** The guard's answer when there is no bearer token at all, and when there is one it does not accept. */
const NO_TOKEN = 'sign in at POST /api/v1/auth/token and send Authorization: Bearer <token>';
const TOKEN_REFUSED = 'the token is not valid';
/** A well-signed token whose subject is no active account: the account row decides, not the claims. */
const ACCOUNT_REFUSED =
  'no active account accepts this token (deactivated, password changed or unknown): sign in again';

/** The one answer to a failed sign-in, whatever failed. */
const SIGN_IN_REFUSED = 'username or password is wrong, or the account is deactivated';

const title = (r: BadRequest) => {
  const anyCase = new Proxy({}, { get: () => ({ id: ':id', caseNumber: ':caseNumber' }) }) as Cases;
  const path = typeof r.path === 'string' ? r.path : r.path(anyCase);
  const expected = r.field ?? (r.conflict?.allowedEvents?.join(',') || r.conflict?.reason) ?? '';
  return `${r.method ?? 'POST'} ${path}: ${r.what} → ${r.status} ${expected}`.trim();
};

describe('bad input is refused with the error naming it, and nothing is written', () => {
  let api: ApiHandle;
  let base: string;
  let worker: INestApplicationContext | undefined;
  const cases: Cases = {};
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (username: string) => {
    if (!tokens.has(username)) tokens.set(username, signIn(base, username, TEST_STAFF_PASSWORD));
    return tokens.get(username)!;
  };

  const receive = async (name: string, body: object) => {
    const res = await api.call('POST', '/applications', { ...clerk, body });
    expect({ status: res.status, state: res.body.state }).toEqual({ status: 201, state: 'received' });
    cases[name] = { id: res.body.id, caseNumber: res.body.caseNumber, queryCode: res.body.queryCode };
    return res.body.id as string;
  };
  const send = async (caller: Caller, id: string, body: object, expectedState: string) => {
    const res = await api.call('POST', `/applications/${id}/events`, { ...caller, body });
    expect({ status: res.status, state: res.body.state }).toEqual({ status: 200, state: expectedState });
  };
  const stateOf = async (id: string): Promise<string> =>
    (await api.call('GET', `/applications/${id}`, clerk)).body.state;
  const toIdentityVerified = async (id: string) => {
    await send(clerk, id, { type: 'PASS_FORM_CHECK' }, 'formChecked');
    await send(
      clerk,
      id,
      { type: 'VERIFY_IDENTITY', method: 'id-card-reader+face', passed: true },
      'identityVerified',
    );
  };

  /**
   * Everything a refused request must leave alone: row counts of the case tables, every case's
   * state and version, and every staff account (count, binding, password hash, active flag).
   */
  const written = async () => {
    const [{ cases: fingerprint }] = await api.dataSource.query(
      `SELECT md5(coalesce(string_agg(id || ':' || state || ':' || version, ',' ORDER BY id), '')) AS cases
         FROM applications`,
    );
    const [{ n, accounts }] = await api.dataSource.query(
      `SELECT count(*)::int AS n,
              md5(coalesce(string_agg(concat_ws(':', username, role, window_code, jurisdiction_code,
                division_code, active, password_hash, updated_at), ',' ORDER BY username), '')) AS accounts
         FROM staff_accounts`,
    );
    return {
      rows: { ...(await rowCounts(api.dataSource)), staff_accounts: n as number },
      cases: fingerprint as string,
      accounts: accounts as string,
    };
  };

  const request = async (r: BadRequest) => {
    const path = typeof r.path === 'string' ? r.path : r.path(cases);
    const caller = r.caller === undefined ? clerk : r.caller;
    const headers = typeof r.headers === 'function' ? r.headers(cases) : r.headers;
    if (r.raw === undefined) {
      return api.call(r.method ?? 'POST', path, { ...(caller ?? {}), body: r.body, headers });
    }
    const res = await fetch(base + path, {
      method: r.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        ...(caller ? bearer(await tokenOf(caller.as)) : {}),
        ...headers,
      },
      body: r.raw,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  /** Sends `r` and checks the answer and that nothing was written. */
  const expectRefused = async (r: BadRequest) => {
    const before = await written();
    const res = await request(r);
    const after = await written();

    const details = res.body?.details;
    const seen: Record<string, unknown> = {
      status: res.status,
      statusCode: res.body?.statusCode,
      error: res.body?.error,
      message: res.body?.message,
      ...(Array.isArray(details)
        ? { fields: [...new Set(details.map((d: { field: string }) => d.field))] }
        : { details }),
    };
    const expected: Record<string, unknown> = {
      status: r.status,
      statusCode: r.status,
      error: STATUS_CODES[r.status],
      message: r.message ?? expect.any(String),
    };
    if (r.field) expected.fields = [r.field];
    if (r.fields) expected.fields = r.fields;
    if (r.details) {
      expected.fields = [...new Set(r.details.map((d) => d.field))];
      expected.said = r.details;
      seen.said = details;
    }
    if (r.conflict) expected.details = r.conflict;
    if (r.forbidden) expected.details = r.forbidden;
    // One comparison, so a failure shows both the answer and whether anything was written.
    expect({ answer: seen, written: after }).toEqual({ answer: expected, written: before });
    if (Array.isArray(details)) {
      for (const d of details) expect(d.message).toEqual(expect.stringMatching(/\S/));
    }
  };

  beforeAll(async () => {
    api = await startApi();
    base = `${await api.app.getUrl()}/api/v1`;

    await receive('received', notarisationApplication(11));
    await receive(
      'incomplete',
      application({
        applicant: applicant(12),
        materials: [{ name: '公证申请表', form: 'original' }],
      }),
    );
    await toIdentityVerified(await receive('verified', notarisationApplication(13)));
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

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
        what: 'ID type other than resident_id',
        path: '/applications',
        body: withApplicant({ idType: 'passport' }),
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
      const before = await rowCounts(api.dataSource);
      const res = await api.call('POST', '/applications', { ...clerk, body: valid });
      expect({ status: res.status, state: res.body.state }).toEqual({ status: 201, state: 'received' });
      expect(await rowCounts(api.dataSource)).toEqual({
        ...before,
        applications: before.applications + 1,
        materials: before.materials + valid.materials.length,
        case_events: before.case_events + 1,
      });
    });

    it('receives a provincial or devolved item for the jurisdiction that holds its authority', async () => {
      for (const [itemCode, jurisdictionCode] of [
        ['KS1-045', 'J310000-SCJGJ'], // 属于省级权限: 上海市 is a province-level division
        ['KS1-055', 'J310115-SCJGJ'], // 已下放县区: 浦东新区 is a district
        ['KS2-001', 'J340100-GAJ'], // 省公安厅牵头实施: the local 公安 still registers
      ]) {
        const item = (await api.call('GET', `/items/${itemCode}`)).body;
        const materials = item.checklist.map(({ name, form }: { name: string; form: string }) => ({
          name,
          form,
        }));
        const res = await api.call('POST', '/applications', {
          ...clerk,
          body: application({ itemCode, jurisdictionCode, materials }),
        });
        expect({ itemCode, status: res.status, body: res.body }).toMatchObject({ itemCode, status: 201 });
      }
    });
  });

  describe('POST /applications/:id/events at the window', () => {
    const sys = { type: 'TRANSFER_DELIVERED', transferId: randomUUID() };
    const rows: BadRequest[] = [
      {
        what: 'unknown case',
        path: `/applications/${randomUUID()}/events`,
        body: { type: 'PASS_FORM_CHECK' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'case id that is not a UUID',
        path: '/applications/not-a-uuid/events',
        body: { type: 'PASS_FORM_CHECK' },
        status: 400,
        field: 'id',
      },
      {
        what: 'unknown event type',
        path: eventsOf('received'),
        body: { type: 'APPROVE_EVERYTHING' },
        status: 400,
        field: 'type',
      },
      {
        what: 'no event type',
        path: eventsOf('received'),
        body: { missing: ['学历证书'] },
        status: 400,
        field: 'type',
      },
      {
        what: 'PASS_FORM_CHECK while a required material is missing',
        path: eventsOf('incomplete'),
        body: { type: 'PASS_FORM_CHECK' },
        status: 409,
        conflict: {
          reason: 'event_not_allowed',
          state: 'received',
          allowedEvents: ['FAIL_FORM_CHECK', 'WITHDRAW'],
          rule: 'required materials missing: 申请人居民身份证 (copy), 学历证书 (original)',
        },
      },
      {
        what: 'FORWARD a case only just received',
        path: eventsOf('received'),
        body: { type: 'FORWARD', channel: 'courier', waybillNumber: 'SF1000000090' },
        status: 409,
        conflict: {
          reason: 'event_not_allowed',
          state: 'received',
          allowedEvents: ['PASS_FORM_CHECK', 'FAIL_FORM_CHECK', 'WITHDRAW'],
        },
      },
      {
        what: 'VERIFY_IDENTITY before the form check',
        path: eventsOf('received'),
        body: { type: 'VERIFY_IDENTITY', method: 'id-card-reader+face', passed: true },
        status: 409,
        conflict: {
          reason: 'event_not_allowed',
          state: 'received',
          allowedEvents: ['PASS_FORM_CHECK', 'FAIL_FORM_CHECK', 'WITHDRAW'],
        },
      },
      {
        what: 'PASS_FORM_CHECK with a payload it does not take',
        path: eventsOf('received'),
        body: { type: 'PASS_FORM_CHECK', note: '齐全' },
        status: 400,
        field: 'note',
      },
      {
        what: 'FAIL_FORM_CHECK listing nothing missing',
        path: eventsOf('incomplete'),
        body: { type: 'FAIL_FORM_CHECK', missing: [] },
        status: 400,
        field: 'missing',
      },
      {
        what: 'FAIL_FORM_CHECK with an empty material name',
        path: eventsOf('incomplete'),
        body: { type: 'FAIL_FORM_CHECK', missing: ['学历证书', ''] },
        status: 400,
        field: 'missing',
      },
      {
        what: 'FAIL_FORM_CHECK naming one material twice',
        path: eventsOf('incomplete'),
        body: { type: 'FAIL_FORM_CHECK', missing: ['学历证书', '学历证书'] },
        status: 400,
        details: [{ field: 'missing', message: 'missing must name each material once' }],
      },
      {
        what: 'FAIL_FORM_CHECK naming a material with a NUL character',
        path: eventsOf('incomplete'),
        body: { type: 'FAIL_FORM_CHECK', missing: ['学历证书\u0000'] },
        status: 400,
        field: 'missing',
      },
      {
        what: 'VERIFY_IDENTITY with passed as a string',
        path: eventsOf('received'),
        body: { type: 'VERIFY_IDENTITY', method: 'face', passed: 'yes' },
        status: 400,
        field: 'passed',
      },
      {
        what: 'FORWARD by courier without a waybill: required for courier',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'courier' },
        status: 400,
        details: [{ field: 'waybillNumber', message: 'waybillNumber is required for courier' }],
      },
      {
        what: 'FORWARD by courier with scan digests: digests belong to a scan transfer only',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'courier', waybillNumber: 'SF9000000001', scanDigests: [DIGEST] },
        status: 400,
        details: [{ field: 'scanDigests', message: 'scanDigests is for scan only' }],
      },
      {
        what: 'FORWARD by scan with a malformed waybill: that it does not belong there, said once',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'scan', waybillNumber: 'SF1' },
        status: 400,
        details: [{ field: 'waybillNumber', message: 'waybillNumber is for courier only' }],
      },
      {
        what: 'FORWARD by scan with a waybill: a waybill belongs to a courier parcel only',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'scan', waybillNumber: 'SF9000000002' },
        status: 400,
        details: [{ field: 'waybillNumber', message: 'waybillNumber is for courier only' }],
      },
      {
        what: 'FORWARD by scan naming one scan twice',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'scan', scanDigests: [DIGEST, DIGEST] },
        status: 400,
        details: [{ field: 'scanDigests', message: 'scanDigests must name each scan once' }],
      },
      {
        what: 'FORWARD by courier with a lower-case waybill',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'courier', waybillNumber: 'sf1000000090' },
        status: 400,
        field: 'waybillNumber',
      },
      {
        what: 'FORWARD by scan with a digest that is not hex',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'scan', scanDigests: ['z'.repeat(64)] },
        status: 400,
        field: 'scanDigests',
      },
      {
        what: 'FORWARD by scan with an empty list of digests',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'scan', scanDigests: [] },
        status: 400,
        details: [
          {
            field: 'scanDigests',
            message: 'scanDigests must list at least one scan; leave it out to send every uploaded scan',
          },
        ],
      },
      {
        what: 'FORWARD by carrier pigeon',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'pigeon', waybillNumber: 'SF1000000090' },
        status: 400,
        field: 'channel',
      },
      {
        what: 'FORWARD by scan for an item whose originals must travel (KS1-001 学历公证)',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'scan', scanDigests: [DIGEST] },
        status: 409,
        conflict: {
          reason: 'event_not_allowed',
          state: 'identityVerified',
          allowedEvents: ['FORWARD', 'WITHDRAW'],
          rule: 'the originals of this item must travel: forward by courier',
        },
      },
      {
        what: 'an officer sending a clerk event (PASS_FORM_CHECK)',
        path: eventsOf('received'),
        caller: officer,
        body: { type: 'PASS_FORM_CHECK' },
        status: 403,
        forbidden: { role: 'officer', type: 'PASS_FORM_CHECK' },
      },
      {
        what: 'an applicant sending the receipt’s query code as a bearer token (they use /track)',
        path: eventsOf('verified'),
        caller: null,
        headers: (c) => bearer(c.verified.queryCode),
        body: { type: 'WITHDRAW', reason: '申请人撤回' },
        status: 401,
        field: 'Authorization',
        message: TOKEN_REFUSED,
      },
      {
        what: 'an applicant with a token claiming the applicant role (there are no applicant tokens)',
        path: eventsOf('verified'),
        caller: null,
        headers: bearer(staffToken({ sub: 'applicant-01', role: 'applicant', windowCode: undefined })),
        body: { type: 'WITHDRAW', reason: '申请人撤回' },
        status: 401,
        field: 'Authorization',
        message: ACCOUNT_REFUSED,
      },
      {
        what: 'the clerk of another window (普陀区) sending PASS_FORM_CHECK: not found, as if unknown',
        path: eventsOf('received'),
        caller: putuoClerk,
        body: { type: 'PASS_FORM_CHECK' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'the clerk of another window (普陀区) withdrawing the case',
        path: eventsOf('verified'),
        caller: putuoClerk,
        body: { type: 'WITHDRAW', reason: '申请人撤回' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'an admin sending an event',
        path: eventsOf('received'),
        caller: admin,
        body: { type: 'PASS_FORM_CHECK' },
        status: 403,
      },
      {
        what: 'a clerk sending ACCEPT',
        path: eventsOf('verified'),
        body: { type: 'ACCEPT' },
        status: 403,
        forbidden: { role: 'clerk', type: 'ACCEPT' },
      },
      ...(
        [
          ['clerk', clerk],
          ['officer', officer],
          ['supervisor', supervisor],
        ] as const
      ).map(([role, caller]): BadRequest => ({
        what: `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} sending the system event TRANSFER_DELIVERED`,
        path: eventsOf('verified'),
        caller,
        body: sys,
        status: 403,
        forbidden: { role, type: 'TRANSFER_DELIVERED' },
      })),
      {
        what: 'a clerk sending TRANSFER_DELIVERED without the transfer id only a job knows',
        path: eventsOf('verified'),
        body: { type: 'TRANSFER_DELIVERED' },
        status: 403,
        forbidden: { role: 'clerk', type: 'TRANSFER_DELIVERED' },
      },
      {
        what: 'an officer sending DEEM_ACCEPTED (a deadline job event)',
        path: eventsOf('verified'),
        caller: officer,
        body: { type: 'DEEM_ACCEPTED' },
        status: 403,
        forbidden: { role: 'officer', type: 'DEEM_ACCEPTED' },
      },
      {
        what: 'a job event claimed over HTTP with a token of role system (signed with the right secret)',
        path: eventsOf('verified'),
        caller: null,
        headers: bearer(staffToken({ sub: 'courier-job', role: 'system', windowCode: undefined })),
        body: sys,
        status: 401,
        field: 'Authorization',
        message: ACCOUNT_REFUSED,
      },
      {
        what: 'If-Match with a version the case never had',
        path: eventsOf('received'),
        headers: { 'if-match': '"7"' },
        body: { type: 'PASS_FORM_CHECK' },
        status: 409,
        conflict: { reason: 'stale_version', expectedVersion: 7, version: 1 },
      },
      {
        what: 'If-Match that is not a version',
        path: eventsOf('received'),
        headers: { 'if-match': 'W/"abc"' },
        body: { type: 'PASS_FORM_CHECK' },
        status: 400,
        field: 'If-Match',
      },
      {
        what: 'no Authorization header',
        path: eventsOf('received'),
        caller: null,
        body: { type: 'PASS_FORM_CHECK' },
        status: 401,
        field: 'Authorization',
        message: NO_TOKEN,
      },
    ];

    it.each(rows.map((r) => [title(r), r] as const))('%s', async (_title, r) => {
      await expectRefused(r);
    });

    it('leaves every refused case where it was, and takes the right event afterwards', async () => {
      expect(await stateOf(cases.incomplete.id)).toBe('received');
      expect(await stateOf(cases.verified.id)).toBe('identityVerified');
      const view = (await api.call('GET', `/applications/${cases.received.id}`, clerk)).body;
      expect({ state: view.state, version: view.version }).toEqual({ state: 'received', version: 1 });
      const ok = await api.call('POST', `/applications/${cases.received.id}/events`, {
        ...clerk,
        headers: { 'if-match': '"1"' },
        body: { type: 'PASS_FORM_CHECK' },
      });
      expect({ status: ok.status, state: ok.body.state, version: ok.body.version }).toEqual({
        status: 200,
        state: 'formChecked',
        version: 2,
      });
    });
  });

  describe('reads', () => {
    const rows: BadRequest[] = [
      {
        what: 'unknown case',
        method: 'GET',
        path: `/applications/${randomUUID()}`,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'history of an unknown case',
        method: 'GET',
        path: `/applications/${randomUUID()}/history`,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'case id that is not a UUID',
        method: 'GET',
        path: '/applications/42',
        status: 400,
        field: 'id',
      },
      {
        what: 'inbox of a state that is not an inbox state (received: still at the window)',
        method: 'GET',
        path: '/inbox?state=received',
        caller: officer,
        status: 400,
        field: 'state',
      },
      {
        what: 'case search by a malformed window',
        method: 'GET',
        path: '/applications?window=330902',
        status: 400,
        field: 'window',
      },
      {
        what: 'case search by a malformed case number',
        method: 'GET',
        path: '/applications?caseNumber=330902-1',
        status: 400,
        field: 'caseNumber',
      },
      {
        what: 'case search for a state that does not exist',
        method: 'GET',
        path: '/applications?window=W330902&state=archived',
        status: 400,
        field: 'state',
      },
      {
        what: 'case list with a parameter it does not take (sort)',
        method: 'GET',
        path: '/applications?window=W330902&sort=createdAt',
        status: 400,
        field: 'sort',
      },
      {
        what: 'case list with a page size that is not a number: said once',
        method: 'GET',
        path: '/applications?pageSize=abc',
        status: 400,
        details: [{ field: 'pageSize', message: 'pageSize must be a whole number from 1 to 200' }],
      },
      {
        what: 'inbox with a parameter it does not take (order)',
        method: 'GET',
        path: '/inbox?jurisdiction=J310115-SFJ&order=asc',
        caller: officer,
        status: 400,
        field: 'order',
      },
      {
        what: 'statistics with a parameter they do not take (until)',
        method: 'GET',
        path: '/statistics?from=2026-01-01&until=2026-01-31',
        caller: supervisor,
        status: 400,
        field: 'until',
      },
      {
        what: 'catalogue search with a parameter it does not take (lang)',
        method: 'GET',
        path: '/items?q=公证&lang=en',
        caller: null,
        status: 400,
        field: 'lang',
      },
      {
        what: 'accounts listed with a parameter they do not take (sort)',
        method: 'GET',
        path: '/accounts?role=clerk&sort=username',
        caller: admin,
        status: 400,
        field: 'sort',
      },
      {
        what: 'a case number of no case',
        method: 'GET',
        path: '/applications/330902-20200101-999999',
        status: 404,
        message: 'case not found',
      },
      {
        what: 'a case of 定海区 read by its case number by the clerk of 普陀区: the answer to an unknown case',
        method: 'GET',
        path: (c) => `/applications/${c.received.caseNumber}`,
        caller: putuoClerk,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'an event sent by case number by the clerk of 普陀区: not found',
        path: (c) => `/applications/${c.received.caseNumber}/events`,
        caller: putuoClerk,
        body: { type: 'PASS_FORM_CHECK' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'inbox page size over 200',
        method: 'GET',
        path: '/inbox?jurisdiction=J310115-SFJ&pageSize=1000',
        caller: officer,
        status: 400,
        field: 'pageSize',
      },
      {
        what: 'inbox of a malformed jurisdiction',
        method: 'GET',
        path: '/inbox?jurisdiction=j310115-sfj',
        caller: officer,
        status: 400,
        field: 'jurisdiction',
      },
      {
        what: 'inbox without an Authorization header',
        method: 'GET',
        path: '/inbox?jurisdiction=J310115-SFJ',
        caller: null,
        status: 401,
        field: 'Authorization',
        message: NO_TOKEN,
      },
      {
        what: 'a case of 定海区 read by the clerk of 普陀区: the answer to an unknown case',
        method: 'GET',
        path: caseOf('received'),
        caller: putuoClerk,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'the history of a case of 定海区 read by the clerk of 普陀区',
        method: 'GET',
        path: (c) => `${caseOf('received')(c)}/history`,
        caller: putuoClerk,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'a case of 市司法局 read by the officer of 市人社局 in the same district',
        method: 'GET',
        path: caseOf('received'),
        caller: otherOfficer,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'the audit chain of a case of 市司法局 verified by the officer of 市人社局',
        method: 'GET',
        path: (c) => `${caseOf('received')(c)}/history/verify`,
        caller: otherOfficer,
        status: 404,
        message: 'case not found',
      },
      {
        what: 'a case of 定海区 for 浦东新区 read by the supervisor of 普陀区 (neither in their division)',
        method: 'GET',
        path: caseOf('received'),
        caller: { as: 'supervisor-330903' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'a case read by an admin',
        method: 'GET',
        path: caseOf('received'),
        caller: admin,
        status: 403,
      },
      {
        what: 'case search by an admin',
        method: 'GET',
        path: '/applications?window=W330902',
        caller: admin,
        status: 403,
      },
      {
        what: 'unknown item',
        method: 'GET',
        path: '/items/KS9-999',
        caller: null,
        status: 404,
        message: 'service item not found',
      },
      {
        what: 'items searched with a NUL character',
        method: 'GET',
        path: '/items?q=%00',
        caller: null,
        status: 400,
        field: 'q',
      },
      {
        what: 'an item code with a NUL character',
        method: 'GET',
        path: '/items/KS1-001%00',
        caller: null,
        status: 404,
        message: 'service item not found',
      },
      {
        what: 'items of batch 7',
        method: 'GET',
        path: '/items?batch=7',
        caller: null,
        status: 400,
        field: 'batch',
      },
      {
        what: 'items of batch "two"',
        method: 'GET',
        path: '/items?batch=two',
        caller: null,
        status: 400,
        field: 'batch',
      },
    ];

    it.each(rows.map((r) => [title(r), r] as const))('%s', async (_title, r) => {
      await expectRefused(r);
    });

    it('GET /track answers a wrong code, an unknown number and a malformed one with the same 404', async () => {
      const { caseNumber, queryCode } = cases.received;
      const wrongCode = String((Number(queryCode) + 1) % 1_000_000).padStart(6, '0');
      const unknownNumber = caseNumber.replace(/\d{6}$/, '999999');
      const before = await written();
      const answers = [];
      for (const path of [
        `/track/${caseNumber}?code=${wrongCode}`,
        `/track/${unknownNumber}?code=${queryCode}`,
        `/track/${caseNumber.replace(/-/g, '')}?code=${queryCode}`,
        `/track/${caseNumber}?code=${queryCode.slice(1)}`,
      ]) {
        answers.push({ path, ...(await api.call('GET', path)) });
      }
      const notFound = {
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: 'case not found' },
      };
      expect(answers).toEqual(answers.map(({ path }) => ({ path, ...notFound })));
      expect(await written()).toEqual(before);
      // The right code still opens it: the 404s were about the request, not the case.
      expect((await api.call('GET', `/track/${caseNumber}?code=${queryCode}`)).status).toBe(200);
    });

    it('GET /track names a missing code and an unknown parameter (400), as every other query does', async () => {
      const { caseNumber, queryCode } = cases.received;
      const before = await written();
      expect(await api.call('GET', `/track/${caseNumber}`)).toMatchObject({
        status: 400,
        body: {
          details: [{ field: 'code', message: 'code is required: the query code printed on the receipt' }],
        },
      });
      expect(await api.call('GET', `/track/${caseNumber}?code=${queryCode}&lang=en`)).toMatchObject({
        status: 400,
        body: { details: [{ field: 'lang', message: expect.stringContaining('lang') }] },
      });
      expect(await written()).toEqual(before);
    });
  });

  /**
   * Who is calling: only a bearer token the api issued, unspoiled and unexpired, for a role that
   * has a binding, gets past the guard. Each row spoils one thing about a token that would work.
   */
  describe('Authorization', () => {
    const rows: BadRequest[] = [
      {
        what: 'no Authorization header',
        method: 'GET',
        path: caseOf('received'),
        caller: null,
        status: 401,
        field: 'Authorization',
        message: NO_TOKEN,
      },
      {
        what: 'Basic scheme with the right username and password',
        path: '/applications',
        caller: null,
        headers: {
          authorization: `Basic ${Buffer.from(`clerk-w330902:${TEST_STAFF_PASSWORD}`).toString('base64')}`,
        },
        body: valid,
        status: 401,
        field: 'Authorization',
        message: NO_TOKEN,
      },
      {
        what: 'Bearer with no token',
        method: 'GET',
        path: caseOf('received'),
        caller: null,
        headers: { authorization: 'Bearer' },
        status: 401,
        field: 'Authorization',
        message: NO_TOKEN,
      },
      {
        what: 'a bare token without the Bearer scheme',
        method: 'GET',
        path: caseOf('received'),
        caller: null,
        headers: { authorization: staffToken() },
        status: 401,
        field: 'Authorization',
        message: NO_TOKEN,
      },
      {
        what: 'Bearer with two tokens',
        method: 'GET',
        path: caseOf('received'),
        caller: null,
        headers: { authorization: `Bearer ${staffToken()} ${staffToken()}` },
        status: 401,
        field: 'Authorization',
        message: NO_TOKEN,
      },
      {
        what: 'a garbage token',
        method: 'GET',
        path: '/inbox',
        caller: null,
        headers: bearer('not-a-jwt'),
        status: 401,
        field: 'Authorization',
        message: TOKEN_REFUSED,
      },
      {
        what: 'a token of three segments that are not base64url JSON',
        method: 'GET',
        path: '/inbox',
        caller: null,
        headers: bearer('a.b.c'),
        status: 401,
        field: 'Authorization',
        message: TOKEN_REFUSED,
      },
      {
        what: 'a token signed with another secret',
        path: '/applications',
        caller: null,
        headers: bearer(staffToken({}, { secret: 'not the secret of this api, but long enough' })),
        body: valid,
        status: 401,
        field: 'Authorization',
        message: TOKEN_REFUSED,
      },
      {
        what: 'a token with alg none and no signature',
        path: '/applications',
        caller: null,
        headers: bearer(unsignedToken()),
        body: valid,
        status: 401,
        field: 'Authorization',
        message: TOKEN_REFUSED,
      },
      {
        what: 'a token signed with the right secret but HS512, not HS256',
        path: eventsOf('received'),
        caller: null,
        headers: bearer(staffToken({}, { algorithm: 'HS512' })),
        body: { type: 'PASS_FORM_CHECK' },
        status: 401,
        field: 'Authorization',
        message: TOKEN_REFUSED,
      },
      {
        what: 'a token of another window’s clerk whose payload was edited to claim 定海区',
        path: eventsOf('received'),
        caller: null,
        headers: bearer(tamperedToken()),
        body: { type: 'PASS_FORM_CHECK' },
        status: 401,
        field: 'Authorization',
        message: TOKEN_REFUSED,
      },
      {
        what: 'an expired token (signed right, exp an hour ago)',
        path: eventsOf('received'),
        caller: null,
        headers: bearer(staffToken({ iat: anHourAgo() - 900, exp: anHourAgo() })),
        body: { type: 'PASS_FORM_CHECK' },
        status: 401,
        field: 'Authorization',
        message: 'the token has expired: sign in again',
      },
      {
        what: 'a token for another audience (signed right)',
        method: 'GET',
        path: caseOf('received'),
        caller: null,
        headers: bearer(staffToken({}, { audience: 'proxy-acceptance-console' })),
        status: 401,
        field: 'Authorization',
        message: TOKEN_REFUSED,
      },
      {
        what: 'a token from another issuer (signed right)',
        method: 'GET',
        path: caseOf('received'),
        caller: null,
        headers: bearer(staffToken({}, { issuer: 'someone-else' })),
        status: 401,
        field: 'Authorization',
        message: TOKEN_REFUSED,
      },
      {
        what: "a clerk's token claiming the admin role (signed right): the account row decides",
        method: 'GET',
        path: '/accounts',
        caller: null,
        headers: bearer(staffToken({ role: 'admin', windowCode: undefined })),
        status: 403,
        message: 'only an admin manages accounts',
      },
      {
        what: "a clerk's token claiming a supervisor of every division ('%', signed right)",
        method: 'GET',
        path: '/statistics',
        caller: null,
        headers: bearer(staffToken({ role: 'supervisor', divisionCode: '%', windowCode: undefined })),
        status: 403,
        forbidden: { role: 'clerk' },
      },
      {
        what: "a clerk's token claiming another window (signed right): receives only at the account's",
        path: '/applications',
        caller: null,
        headers: bearer(staffToken({ windowCode: 'W330903' })),
        body: { ...valid, windowCode: 'W330903' },
        status: 403,
        field: 'windowCode',
      },
      {
        what: 'a token without a subject (signed right)',
        path: '/applications',
        caller: null,
        headers: bearer(staffToken({ sub: undefined })),
        body: valid,
        status: 401,
        field: 'Authorization',
        message: TOKEN_REFUSED,
      },
      {
        what: 'a token of role system (signed right): jobs do not come over HTTP',
        path: eventsOf('verified'),
        caller: null,
        headers: bearer(staffToken({ sub: 'deadline-job', role: 'system', windowCode: undefined })),
        body: { type: 'DEEM_ACCEPTED' },
        status: 401,
        field: 'Authorization',
        message: ACCOUNT_REFUSED,
      },
      {
        what: 'a token of an unknown role superuser (signed right)',
        method: 'GET',
        path: '/accounts',
        caller: null,
        headers: bearer(staffToken({ sub: 'root', role: 'superuser', windowCode: undefined })),
        status: 401,
        field: 'Authorization',
        message: ACCOUNT_REFUSED,
      },
    ];

    it.each(rows.map((r) => [title(r), r] as const))('%s', async (_title, r) => {
      await expectRefused(r);
    });

    it('takes a token made like the rows above but unspoiled (so each row fails for its one fault)', async () => {
      const res = await api.call('GET', `/applications/${cases.received.id}`, {
        headers: bearer(staffToken()),
      });
      expect({ status: res.status, id: res.body.id }).toEqual({ status: 200, id: cases.received.id });
    });
  });

  describe('POST /auth/token (signing in)', () => {
    const rows: BadRequest[] = [
      {
        what: 'no username: required, said once',
        path: '/auth/token',
        caller: null,
        body: { password: TEST_STAFF_PASSWORD },
        status: 400,
        details: [{ field: 'username', message: 'username is required' }],
      },
      {
        what: 'a form-encoded sign-in (as an HTML form posts it): send JSON',
        path: '/auth/token',
        caller: null,
        raw: `username=clerk-w330902&password=${TEST_STAFF_PASSWORD}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        status: 415,
        message: 'send the body as JSON (Content-Type: application/json)',
        field: 'body',
      },
      {
        what: 'a sign-in sent as plain text: send JSON',
        path: '/auth/token',
        caller: null,
        raw: JSON.stringify({ username: 'clerk-w330902', password: TEST_STAFF_PASSWORD }),
        headers: { 'content-type': 'text/plain' },
        status: 415,
        message: 'send the body as JSON (Content-Type: application/json)',
        field: 'body',
      },
      {
        what: 'no password',
        path: '/auth/token',
        caller: null,
        body: { username: 'clerk-w330902' },
        status: 400,
        field: 'password',
      },
      {
        what: 'a username that is an object whose toString is not a function (counted before validation)',
        path: '/auth/token',
        caller: null,
        body: { username: { toString: 1 }, password: 'not-the-password' },
        status: 400,
        field: 'username',
      },
      {
        what: 'username with a space',
        path: '/auth/token',
        caller: null,
        body: { username: 'clerk w330902', password: TEST_STAFF_PASSWORD },
        status: 400,
        field: 'username',
      },
      {
        what: 'an unknown field (asking for a role)',
        path: '/auth/token',
        caller: null,
        body: { username: 'clerk-w330902', password: TEST_STAFF_PASSWORD, role: 'admin' },
        status: 400,
        field: 'role',
      },
      {
        what: 'body that is not JSON',
        path: '/auth/token',
        caller: null,
        raw: '{"username": "clerk-w330902",',
        status: 400,
        field: 'body',
      },
      {
        what: 'wrong password',
        path: '/auth/token',
        caller: null,
        body: { username: 'clerk-w330902', password: `${TEST_STAFF_PASSWORD}x` },
        status: 401,
        field: 'password',
        message: SIGN_IN_REFUSED,
      },
      {
        what: 'unknown username (the same answer as a wrong password)',
        path: '/auth/token',
        caller: null,
        body: { username: 'clerk-w999999', password: TEST_STAFF_PASSWORD },
        status: 401,
        field: 'password',
        message: SIGN_IN_REFUSED,
      },
      {
        what: 'deactivated account with its right password (the same answer)',
        path: '/auth/token',
        caller: null,
        body: { username: 'clerk-retired-90', password: TEST_STAFF_PASSWORD },
        status: 401,
        field: 'password',
        message: SIGN_IN_REFUSED,
      },
    ];

    // An account an admin created and then deactivated, for the last row.
    beforeAll(async () => {
      const created = await api.call('POST', '/accounts', {
        ...admin,
        body: {
          username: 'clerk-retired-90',
          password: TEST_STAFF_PASSWORD,
          role: 'clerk',
          windowCode: 'W330902',
        },
      });
      expect(created.status).toBe(201);
      const deactivated = await api.call('PATCH', '/accounts/clerk-retired-90', {
        ...admin,
        body: { active: false },
      });
      expect({ status: deactivated.status, active: deactivated.body.active }).toEqual({
        status: 200,
        active: false,
      });
    });

    it.each(rows.map((r) => [title(r), r] as const))('%s', async (_title, r) => {
      await expectRefused(r);
    });
  });

  /** Accounts are an admin's business, and an account is bound to exactly what its role needs. */
  describe('/accounts (admin)', () => {
    const account = (over: Record<string, unknown> = {}) => ({
      username: 'clerk-w330902-90',
      password: 'a long enough password 90',
      role: 'clerk',
      windowCode: 'W330902',
      ...over,
    });
    const rows: BadRequest[] = [
      {
        what: 'a clerk creating an account',
        path: '/accounts',
        body: account(),
        status: 403,
      },
      {
        what: 'a supervisor creating an account',
        path: '/accounts',
        caller: supervisor,
        body: account(),
        status: 403,
      },
      {
        what: 'an officer creating an admin',
        path: '/accounts',
        caller: officer,
        body: account({ username: 'admin-90', role: 'admin', windowCode: undefined }),
        status: 403,
      },
      {
        what: 'no Authorization header',
        path: '/accounts',
        caller: null,
        body: account(),
        status: 401,
        field: 'Authorization',
        message: NO_TOKEN,
      },
      {
        what: 'a role that does not exist',
        path: '/accounts',
        caller: admin,
        body: account({ role: 'superuser' }),
        status: 400,
        field: 'role',
      },
      {
        what: 'a clerk without a window',
        path: '/accounts',
        caller: admin,
        body: account({ windowCode: undefined }),
        status: 400,
        field: 'windowCode',
      },
      {
        what: 'an officer with a window as well as a jurisdiction',
        path: '/accounts',
        caller: admin,
        body: account({ username: 'officer-90', role: 'officer', jurisdictionCode: 'J310115-SFJ' }),
        status: 400,
        field: 'windowCode',
      },
      {
        what: 'a supervisor with a jurisdiction instead of a division',
        path: '/accounts',
        caller: admin,
        body: account({
          username: 'supervisor-90',
          role: 'supervisor',
          windowCode: undefined,
          jurisdictionCode: 'J310115-SFJ',
        }),
        status: 400,
        field: 'jurisdictionCode',
      },
      {
        what: 'an admin bound to a window',
        path: '/accounts',
        caller: admin,
        body: account({ username: 'admin-90', role: 'admin' }),
        status: 400,
        field: 'windowCode',
      },
      {
        what: 'an unknown window',
        path: '/accounts',
        caller: admin,
        body: account({ windowCode: 'W999999' }),
        status: 400,
        field: 'windowCode',
      },
      {
        what: 'an unknown home jurisdiction',
        path: '/accounts',
        caller: admin,
        body: account({
          username: 'officer-90',
          role: 'officer',
          windowCode: undefined,
          jurisdictionCode: 'J310115-XXJ',
        }),
        status: 400,
        field: 'jurisdictionCode',
      },
      {
        what: 'a division with no window or jurisdiction in it (北京市)',
        path: '/accounts',
        caller: admin,
        body: account({
          username: 'supervisor-90',
          role: 'supervisor',
          windowCode: undefined,
          divisionCode: '110000',
        }),
        status: 400,
        field: 'divisionCode',
      },
      {
        what: 'a weak password (11 characters)',
        path: '/accounts',
        caller: admin,
        body: account({ password: 'password-11' }),
        status: 400,
        field: 'password',
      },
      {
        what: 'a password of 73 bytes in UTF-8 (25 characters; bcrypt reads only 72)',
        path: '/accounts',
        caller: admin,
        body: account({ password: `${'林'.repeat(24)}a` }),
        status: 400,
        field: 'password',
      },
      {
        what: 'a malformed username',
        path: '/accounts',
        caller: admin,
        body: account({ username: 'clerk w330902' }),
        status: 400,
        field: 'username',
      },
      {
        what: 'an unknown field',
        path: '/accounts',
        caller: admin,
        body: account({ active: false }),
        status: 400,
        field: 'active',
      },
      {
        what: 'a username that is taken',
        path: '/accounts',
        caller: admin,
        body: account({ username: 'clerk-w330902' }),
        status: 409,
        conflict: { reason: 'username_taken', field: 'username' },
      },
      {
        what: 'a username that is taken, in capitals',
        path: '/accounts',
        caller: admin,
        body: account({ username: 'CLERK-W330902' }),
        status: 409,
        conflict: { reason: 'username_taken', field: 'username' },
      },
      {
        what: 'a clerk listing accounts',
        method: 'GET',
        path: '/accounts',
        status: 403,
      },
      {
        what: 'accounts of a role that does not exist',
        method: 'GET',
        path: '/accounts?role=root',
        caller: admin,
        status: 400,
        field: 'role',
      },
      {
        what: 'a clerk resetting another account’s password',
        method: 'PATCH',
        path: '/accounts/officer-j310115-sfj',
        body: { password: 'a long enough password 90' },
        status: 403,
      },
      {
        what: 'a weak new password',
        method: 'PATCH',
        path: '/accounts/clerk-w330902',
        caller: admin,
        body: { password: 'short' },
        status: 400,
        field: 'password',
      },
      {
        what: 'a username with a NUL byte in the path',
        method: 'PATCH',
        path: '/accounts/admin%00',
        caller: admin,
        body: { active: false },
        status: 400,
        field: 'username',
      },
      {
        what: 'an unknown account',
        method: 'PATCH',
        path: '/accounts/clerk-w999999',
        caller: admin,
        body: { active: false },
        status: 404,
        message: 'account not found',
      },
      {
        what: 'the admin deactivating their own account',
        method: 'PATCH',
        path: '/accounts/admin',
        caller: admin,
        body: { active: false },
        status: 403,
      },
      {
        what: 'active given as a string',
        method: 'PATCH',
        path: '/accounts/clerk-w330902',
        caller: admin,
        body: { active: 'no' },
        status: 400,
        field: 'active',
      },
    ];

    it.each(rows.map((r) => [title(r), r] as const))('%s', async (_title, r) => {
      await expectRefused(r);
    });

    it('creates the account once put right, with a password of exactly 72 bytes, and it signs in', async () => {
      const password = '林'.repeat(24);
      const before = await written();
      const res = await api.call('POST', '/accounts', { ...admin, body: account({ password }) });
      expect({ status: res.status, body: res.body }).toEqual({
        status: 201,
        body: expect.objectContaining({
          username: 'clerk-w330902-90',
          role: 'clerk',
          windowCode: 'W330902',
          active: true,
        }),
      });
      expect(res.body).not.toHaveProperty('passwordHash');
      const after = await written();
      expect(after.rows).toEqual({ ...before.rows, staff_accounts: before.rows.staff_accounts + 1 });
      expect(await signIn(base, 'clerk-w330902-90', password)).toEqual(expect.any(String));
    });
  });

  /** Officer-side events need a case that has arrived: the worker delivers the courier parcels. */
  describe('POST /applications/:id/events at the home jurisdiction', () => {
    beforeAll(async () => {
      const ids = {
        awaiting: await receive('awaiting', notarisationApplication(21)),
        processing: await receive('processing', notarisationApplication(22)),
        concluded: await receive('concluded', notarisationApplication(23)),
        paperResult: await receive('paperResult', notarisationApplication(24)),
      };
      let waybill = 1000000021;
      for (const id of Object.values(ids)) {
        await toIdentityVerified(id);
        await send(
          clerk,
          id,
          { type: 'FORWARD', channel: 'courier', waybillNumber: `SF${waybill++}` },
          'forwarded.inTransit',
        );
      }
      worker = await startWorker();
      for (const id of Object.values(ids)) {
        await waitFor(
          () => stateOf(id),
          (s) => s === 'forwarded.awaitingAcceptance',
        );
      }
      await worker.close();
      worker = undefined;
      // Without a worker no deadline job can deem it accepted: it waits in the inbox for the tests.
      expect(await stateOf(ids.awaiting)).toBe('forwarded.awaitingAcceptance');
      await send(officer, ids.processing, { type: 'ACCEPT' }, 'accepted.processing');
      let documentNumber = 2023;
      for (const id of [ids.concluded, ids.paperResult]) {
        await send(officer, id, { type: 'ACCEPT' }, 'accepted.processing');
        await send(
          officer,
          id,
          {
            type: 'APPROVE',
            result: { documentType: '公证书', documentNumber: `(2026)沪浦证字第${documentNumber++}号` },
          },
          'accepted.concluded',
        );
      }
    });

    // The acceptance-deadline job of the case left in the inbox may still be queued: withdrawn, the
    // case makes it a no-op for whichever worker runs it later (another suite's).
    afterAll(async () => {
      await send(clerk, cases.awaiting.id, { type: 'WITHDRAW', reason: '测试结束' }, 'withdrawn');
    });

    const rows: BadRequest[] = [
      {
        what: 'APPROVE before the case is accepted',
        path: eventsOf('awaiting'),
        caller: officer,
        body: { type: 'APPROVE', result: { documentType: '公证书', documentNumber: '(2026)沪浦证字第1号' } },
        status: 409,
        conflict: {
          reason: 'event_not_allowed',
          state: 'forwarded.awaitingAcceptance',
          allowedEvents: ['ACCEPT', 'REQUEST_SUPPLEMENT', 'REFUSE'],
        },
      },
      {
        what: 'a clerk sending ACCEPT to a case in the inbox',
        path: eventsOf('awaiting'),
        body: { type: 'ACCEPT' },
        status: 403,
        forbidden: { role: 'clerk', type: 'ACCEPT' },
      },
      {
        what: 'the officer of 市人社局 accepting a case of 市司法局 (another jurisdiction): not found',
        path: eventsOf('awaiting'),
        caller: otherOfficer,
        body: { type: 'ACCEPT' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'the officer of 合肥市 市司法局 (same department, another city) accepting it',
        path: eventsOf('awaiting'),
        caller: { as: 'officer-j340100-sfj' },
        body: { type: 'ACCEPT' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'the supervisor of 浦东新区, who sees the case, accepting it',
        path: eventsOf('awaiting'),
        caller: { as: 'supervisor-310115' },
        body: { type: 'ACCEPT' },
        status: 403,
        forbidden: { role: 'supervisor', type: 'ACCEPT' },
      },
      {
        what: 'REQUEST_SUPPLEMENT asking for nothing',
        path: eventsOf('awaiting'),
        caller: officer,
        body: { type: 'REQUEST_SUPPLEMENT', items: [], note: '请补正' },
        status: 400,
        field: 'items',
      },
      {
        what: 'REQUEST_SUPPLEMENT without a note',
        path: eventsOf('awaiting'),
        caller: officer,
        body: { type: 'REQUEST_SUPPLEMENT', items: ['学历证书认证报告'] },
        status: 400,
        field: 'note',
      },
      {
        what: 'REFUSE without its legal basis',
        path: eventsOf('awaiting'),
        caller: officer,
        body: { type: 'REFUSE', reason: '不属于本机关职权范围' },
        status: 400,
        field: 'legalBasis',
      },
      {
        what: 'APPROVE without a result document',
        path: eventsOf('processing'),
        caller: officer,
        body: { type: 'APPROVE' },
        status: 400,
        field: 'result',
      },
      {
        what: 'APPROVE with a result document without a number',
        path: eventsOf('processing'),
        caller: officer,
        body: { type: 'APPROVE', result: { documentType: '公证书' } },
        status: 400,
        field: 'result.documentNumber',
      },
      {
        what: 'DENY without a reason',
        path: eventsOf('processing'),
        caller: officer,
        body: { type: 'DENY', legalBasis: '《公证程序规则》第四十八条' },
        status: 400,
        field: 'reason',
      },
      {
        what: 'DISPATCH_RESULT by mail without a waybill: required for mail',
        path: eventsOf('concluded'),
        caller: officer,
        body: { type: 'DISPATCH_RESULT', method: 'mail' },
        status: 400,
        details: [{ field: 'waybillNumber', message: 'waybillNumber is required for mail' }],
      },
      {
        what: 'DISPATCH_RESULT online with a waybill: a waybill belongs to mail only',
        path: eventsOf('concluded'),
        caller: officer,
        body: { type: 'DISPATCH_RESULT', method: 'online', waybillNumber: 'EMS9000000001' },
        status: 400,
        details: [{ field: 'waybillNumber', message: 'waybillNumber is for mail only' }],
      },
      {
        what: 'DISPATCH_RESULT by mail under the waybill of a forward parcel (one waybill, one parcel)',
        path: eventsOf('concluded'),
        caller: officer,
        body: { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: 'SF1000000021' },
        status: 409,
        message:
          "waybillNumber: SF1000000021 is already used for another transfer; use the new parcel's waybill",
        conflict: { reason: 'waybill_in_use', field: 'waybillNumber', waybillNumber: 'SF1000000021' },
      },
      {
        what: 'DISPATCH_RESULT online for a paper-only result (KS1-001 公证书: mail only)',
        path: eventsOf('paperResult'),
        caller: officer,
        body: { type: 'DISPATCH_RESULT', method: 'online' },
        status: 409,
        conflict: {
          reason: 'event_not_allowed',
          state: 'accepted.concluded',
          allowedEvents: ['DISPATCH_RESULT'],
          rule: 'the result of this item goes only by mail',
        },
      },
      {
        what: 'an officer sending RESULT_DELIVERED (a delivery job event)',
        path: eventsOf('concluded'),
        caller: officer,
        body: { type: 'RESULT_DELIVERED', transferId: randomUUID() },
        status: 403,
        forbidden: { role: 'officer', type: 'RESULT_DELIVERED' },
      },
      {
        what: 'the clerk withdrawing after the decision',
        path: eventsOf('concluded'),
        body: { type: 'WITHDRAW', reason: '不需要了' },
        status: 409,
        conflict: { reason: 'event_not_allowed', state: 'accepted.concluded', allowedEvents: [] },
      },
      {
        what: 'WITHDRAW without a reason',
        path: eventsOf('processing'),
        body: { type: 'WITHDRAW' },
        status: 400,
        field: 'reason',
      },
    ];

    it.each(rows.map((r) => [title(r), r] as const))('%s', async (_title, r) => {
      await expectRefused(r);
    });
  });
});
