import { sign } from 'jsonwebtoken';
import { STATUS_CODES } from 'node:http';
import { DEVELOPMENT_JWT_SECRET } from '@app/common';
import { verifyAtWindow } from './cases';
import {
  CLERK,
  OFFICER,
  PUTUO_CLERK,
  SUPERVISOR,
  TEST_STAFF_PASSWORD,
  applicant,
  notarisationApplication,
} from './fixtures';
import { signIn } from './http';
import { rowCounts } from './row-counts';
import { startStack, type InProcessStack } from './stack';

/**
 * Bad requests against the real api (Fastify, PostgreSQL, Redis): each one is answered with the
 * right status and the one error shape `{ statusCode, error, message, details }` naming what is
 * wrong (the field for a 400 or 401, the allowed events for a refused event), and nothing is
 * written: the row counts of every case table, the state and version of every case, and every
 * staff account are the same after.
 */

/** A seeded staff account that signs in and sends its bearer token (see support/http). */
export type Caller = { as: string };

/** Case ids and receipts created in beforeAll, by name. */
export type Cases = Record<string, { id: string; caseNumber: string; queryCode: string }>;

export interface BadRequest {
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

export const clerk: Caller = CLERK;
export const officer: Caller = OFFICER;
export const supervisor: Caller = SUPERVISOR;
export const admin: Caller = { as: 'admin' };
/** The clerk of 普陀区 (W330903): not the window of the cases created here. */
export const putuoClerk: Caller = PUTUO_CLERK;
/** The officer of 上海市浦东新区 市人社局: same division as the cases' jurisdiction, another department. */
export const otherOfficer: Caller = { as: 'officer-j310115-rsj' };

/** A valid application (distinct applicant from every case created here), changed by `over`. */
export const valid = notarisationApplication(90);
export const application = (over: Record<string, unknown> = {}) => ({ ...valid, ...over });
export const withApplicant = (over: Record<string, unknown>) =>
  application({ applicant: { ...valid.applicant, ...over } });
const { applicant: _omitted, ...fieldsBesideApplicant } = valid;
/** The valid application without its applicant. */
export const withoutApplicant = fieldsBesideApplicant;

export const DIGEST = 'a'.repeat(64);
export const eventsOf = (name: string) => (c: Cases) => `/applications/${c[name].id}/events`;
export const caseOf = (name: string) => (c: Cases) => `/applications/${c[name].id}`;

/**
 * Bearer tokens made here, not by signing in. `staffToken` signs them as the api does (HS256 with
 * the development secret of the test environment, issuer and audience of StaffTokens, 15 minutes);
 * `over` and `options` spoil one thing at a time.
 */
const TOKEN_ISSUER = 'proxy-acceptance';
const TOKEN_AUDIENCE = 'proxy-acceptance-api';
/** What a real token of clerk-w330902 says (its account has never changed: token version 1). */
const clerkClaims = { sub: 'clerk-w330902', ver: 1, role: 'clerk', windowCode: 'W330902' };
export const staffToken = (
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
export const unsignedToken = () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...clerkClaims, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 900 };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
};
/** A token of the clerk of 普陀区, signed right, whose payload then claims 定海区's window. */
export const tamperedToken = () => {
  const [header, , signature] = staffToken({ sub: 'clerk-w330903', windowCode: 'W330903' }).split('.');
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...clerkClaims, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 900 };
  return `${header}.${base64url(claims)}.${signature}`;
};
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const anHourAgo = () => Math.floor(Date.now() / 1000) - 3600;

/** The guard's answer when there is no bearer token at all, and when there is one it does not accept. */
export const NO_TOKEN = 'sign in at POST /api/v1/auth/token and send Authorization: Bearer <token>';
export const TOKEN_REFUSED = 'the token is not valid';
/** A well-signed token whose subject is no active account: the account row decides, not the claims. */
export const ACCOUNT_REFUSED =
  'no active account accepts this token (deactivated, password changed or unknown): sign in again';

/** The one answer to a failed sign-in, whatever failed. */
export const SIGN_IN_REFUSED = 'username or password is wrong, or the account is deactivated';

/** A row's test title: method, path, what is wrong, and the status and field or reason expected. */
export const title = (r: BadRequest) => {
  const anyCase = new Proxy({}, { get: () => ({ id: ':id', caseNumber: ':caseNumber' }) }) as Cases;
  const path = typeof r.path === 'string' ? r.path : r.path(anyCase);
  const expected = r.field ?? (r.conflict?.allowedEvents?.join(',') || r.conflict?.reason) ?? '';
  return `${r.method ?? 'POST'} ${path}: ${r.what} → ${r.status} ${expected}`.trim();
};

/**
 * The set-up every bad-input file shares, registered in the calling `describe`: an api started
 * before its tests (stopped after) and three cases of 定海区 for 浦东新区 市司法局 received by the
 * clerk: `received`, `incomplete` (one material of three) and `verified` (form and identity
 * checked). Answers the case table and the helpers that send a bad request and check the answer.
 */
export function badInputSuite() {
  let api: InProcessStack;
  const cases: Cases = {};
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (username: string) => {
    if (!tokens.has(username)) tokens.set(username, signIn(api.baseUrl, username, TEST_STAFF_PASSWORD));
    return tokens.get(username)!;
  };

  /** Receives `body` as the clerk under `name` in `cases`; its id. */
  const receive = async (name: string, body: object) => {
    const res = await api.call('POST', '/applications', { ...clerk, body });
    expect({ status: res.status, state: res.body.state }).toEqual({ status: 201, state: 'received' });
    cases[name] = { id: res.body.id, caseNumber: res.body.caseNumber, queryCode: res.body.queryCode };
    return res.body.id as string;
  };
  /** Sends `body` to case `id` as `caller`: it must answer 200 in `expectedState`. */
  const send = async (caller: Caller, id: string, body: object, expectedState: string) => {
    const res = await api.call('POST', `/applications/${id}/events`, { ...caller, body });
    expect({ status: res.status, state: res.body.state }).toEqual({ status: 200, state: expectedState });
  };
  const stateOf = async (id: string): Promise<string> =>
    (await api.call('GET', `/applications/${id}`, clerk)).body.state;
  const toIdentityVerified = (id: string) => verifyAtWindow(api.call, clerk, id, 'id-card-reader+face');

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
    const res = await fetch(api.baseUrl + path, {
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
    api = await startStack();

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
  afterAll(() => api.stop());

  return {
    /** The running api (started in beforeAll). */
    get api(): InProcessStack {
      return api;
    },
    cases,
    receive,
    send,
    stateOf,
    toIdentityVerified,
    written,
    expectRefused,
  };
}
