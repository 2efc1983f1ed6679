import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { applicant, notarisationApplication } from './support/fixtures';
import { rowCounts, startApi, startWorker, waitFor, type ApiHandle } from './support/harness';
import { residentId, withWrongCheckDigit } from './support/resident-id';

/**
 * Bad requests against the real api (Fastify, PostgreSQL, Redis): each one is answered with the
 * right status and the one error shape `{ statusCode, error, message, details }` naming what is
 * wrong (the field for a 400, the allowed events for a refused event), and nothing is written:
 * the row counts of every case table and the state and version of every case are the same after.
 */

type Actor = { role: string; actorId: string };

/** Case ids and receipts created in beforeAll, by name. */
type Cases = Record<string, { id: string; caseNumber: string; queryCode: string }>;

interface BadRequest {
  /** What the caller does wrong, as the test title says it. */
  what: string;
  method?: 'GET' | 'POST';
  path: string | ((c: Cases) => string);
  /** Defaults to the clerk; `null` sends no actor headers. */
  actor?: Actor | null;
  body?: unknown;
  /** Sent as is with content-type application/json, instead of `body`. */
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  /** 400 / 401: the one field `details` names. */
  field?: string;
  /** 409: what `details` says. */
  conflict?: {
    reason: string;
    state?: string;
    allowedEvents?: string[];
    expectedVersion?: number;
    version?: number;
    rule?: string;
  };
  /** 403: the role refused and the event type. */
  forbidden?: { role: string; type?: string };
  /** 404: the message. */
  notFound?: string;
}

const clerk: Actor = { role: 'clerk', actorId: 'clerk-w330902-01' };
const officer: Actor = { role: 'officer', actorId: 'officer-sfj-01' };
const applicantActor: Actor = { role: 'applicant', actorId: 'applicant-01' };
const supervisor: Actor = { role: 'supervisor', actorId: 'supervisor-01' };

/** A valid application (distinct applicant from every case created here), changed by `over`. */
const valid = notarisationApplication(90);
const application = (over: Record<string, unknown> = {}) => ({ ...valid, ...over });
const withApplicant = (over: Record<string, unknown>) =>
  application({ applicant: { ...valid.applicant, ...over } });
const { applicant: _omitted, ...withoutApplicant } = valid;

const DIGEST = 'a'.repeat(64);
const eventsOf = (name: string) => (c: Cases) => `/applications/${c[name].id}/events`;

const title = (r: BadRequest) => {
  const path = typeof r.path === 'string' ? r.path : '/applications/:id/events';
  const expected = r.field ?? (r.conflict?.allowedEvents?.join(',') || r.conflict?.reason) ?? '';
  return `${r.method ?? 'POST'} ${path}: ${r.what} → ${r.status} ${expected}`.trim();
};

describe('bad input is refused with the error naming it, and nothing is written', () => {
  let api: ApiHandle;
  let base: string;
  let worker: INestApplicationContext | undefined;
  const cases: Cases = {};

  const receive = async (name: string, body: object) => {
    const res = await api.call('POST', '/applications', { ...clerk, body });
    expect({ status: res.status, state: res.body.state }).toEqual({ status: 201, state: 'received' });
    cases[name] = { id: res.body.id, caseNumber: res.body.caseNumber, queryCode: res.body.queryCode };
    return res.body.id as string;
  };
  const send = async (actor: Actor, id: string, body: object, expectedState: string) => {
    const res = await api.call('POST', `/applications/${id}/events`, { ...actor, body });
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

  /** Everything a refused request must leave alone: row counts, and every case's state and version. */
  const written = async () => {
    const [{ cases: fingerprint }] = await api.dataSource.query(
      `SELECT md5(coalesce(string_agg(id || ':' || state || ':' || version, ',' ORDER BY id), '')) AS cases
         FROM applications`,
    );
    return { rows: await rowCounts(api.dataSource), cases: fingerprint as string };
  };

  const request = async (r: BadRequest) => {
    const path = typeof r.path === 'string' ? r.path : r.path(cases);
    const actor = r.actor === undefined ? clerk : r.actor;
    if (r.raw === undefined) {
      return api.call(r.method ?? 'POST', path, {
        ...(actor ?? {}),
        body: r.body,
        headers: r.headers,
      });
    }
    const res = await fetch(base + path, {
      method: r.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        ...(actor ? { 'x-actor-role': actor.role, 'x-actor-id': actor.actorId } : {}),
        ...r.headers,
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
    const seen = {
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
      message: r.notFound ?? expect.any(String),
    };
    if (r.field) expected.fields = [r.field];
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
        what: 'unknown window',
        path: '/applications',
        body: application({ windowCode: 'W999999' }),
        status: 400,
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
        what: 'applicant without a name',
        path: '/applications',
        body: withApplicant({ name: undefined }),
        status: 400,
        field: 'applicant.name',
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
        what: 'no actor headers',
        path: '/applications',
        actor: null,
        body: valid,
        status: 401,
        field: 'X-Actor-Role',
      },
      {
        what: 'actor claiming the system role',
        path: '/applications',
        actor: { role: 'system', actorId: 'courier-job' },
        body: valid,
        status: 401,
        field: 'X-Actor-Role',
      },
      {
        what: 'actor id with spaces',
        path: '/applications',
        actor: { role: 'clerk', actorId: 'clerk 01' },
        body: valid,
        status: 401,
        field: 'X-Actor-Id',
      },
      {
        what: 'an officer receiving',
        path: '/applications',
        actor: officer,
        body: valid,
        status: 403,
        forbidden: { role: 'officer', type: 'RECEIVE' },
      },
      {
        what: 'a supervisor receiving',
        path: '/applications',
        actor: supervisor,
        body: valid,
        status: 403,
        forbidden: { role: 'supervisor', type: 'RECEIVE' },
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
  });

  describe('POST /applications/:id/events at the window', () => {
    const sys = { type: 'TRANSFER_DELIVERED', transferId: randomUUID() };
    const rows: BadRequest[] = [
      {
        what: 'unknown case',
        path: `/applications/${randomUUID()}/events`,
        body: { type: 'PASS_FORM_CHECK' },
        status: 404,
        notFound: 'case not found',
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
        what: 'FORWARD by courier without a waybill',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'courier' },
        status: 400,
        field: 'waybillNumber',
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
        what: 'FORWARD by scan without digests',
        path: eventsOf('verified'),
        body: { type: 'FORWARD', channel: 'scan' },
        status: 400,
        field: 'scanDigests',
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
        body: { type: 'FORWARD', channel: 'scan', scanDigests: [DIGEST, DIGEST] },
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
        actor: officer,
        body: { type: 'PASS_FORM_CHECK' },
        status: 403,
        forbidden: { role: 'officer', type: 'PASS_FORM_CHECK' },
      },
      {
        what: 'an applicant calling a staff endpoint (they use /track with the receipt)',
        path: eventsOf('verified'),
        actor: applicantActor,
        body: { type: 'FORWARD', channel: 'courier', waybillNumber: 'SF1000000090' },
        status: 403,
        forbidden: { role: 'applicant' },
      },
      {
        what: 'a clerk sending ACCEPT',
        path: eventsOf('verified'),
        body: { type: 'ACCEPT' },
        status: 403,
        forbidden: { role: 'clerk', type: 'ACCEPT' },
      },
      ...[clerk, officer, supervisor].map((actor): BadRequest => ({
        what: `${/^[aeiou]/.test(actor.role) ? 'an' : 'a'} ${actor.role} sending the system event TRANSFER_DELIVERED`,
        path: eventsOf('verified'),
        actor,
        body: sys,
        status: 403,
        forbidden: { role: actor.role, type: 'TRANSFER_DELIVERED' },
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
        actor: officer,
        body: { type: 'DEEM_ACCEPTED' },
        status: 403,
        forbidden: { role: 'officer', type: 'DEEM_ACCEPTED' },
      },
      {
        what: 'a job event claimed over HTTP with role system',
        path: eventsOf('verified'),
        actor: { role: 'system', actorId: 'courier-job' },
        body: sys,
        status: 401,
        field: 'X-Actor-Role',
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
        what: 'no actor headers',
        path: eventsOf('received'),
        actor: null,
        body: { type: 'PASS_FORM_CHECK' },
        status: 401,
        field: 'X-Actor-Role',
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
        notFound: 'case not found',
      },
      {
        what: 'history of an unknown case',
        method: 'GET',
        path: `/applications/${randomUUID()}/history`,
        status: 404,
        notFound: 'case not found',
      },
      {
        what: 'case id that is not a UUID',
        method: 'GET',
        path: '/applications/42',
        status: 400,
        field: 'id',
      },
      {
        what: 'inbox without a jurisdiction',
        method: 'GET',
        path: '/inbox',
        actor: officer,
        status: 400,
        field: 'jurisdiction',
      },
      {
        what: 'case search without a window, jurisdiction or case number',
        method: 'GET',
        path: '/applications',
        status: 400,
        field: 'window',
      },
      {
        what: 'case search for a state that does not exist',
        method: 'GET',
        path: '/applications?window=W330902&state=archived',
        status: 400,
        field: 'state',
      },
      {
        what: 'inbox page size over 200',
        method: 'GET',
        path: '/inbox?jurisdiction=J310115-SFJ&pageSize=1000',
        actor: officer,
        status: 400,
        field: 'pageSize',
      },
      {
        what: 'inbox of a malformed jurisdiction',
        method: 'GET',
        path: '/inbox?jurisdiction=j310115-sfj',
        actor: officer,
        status: 400,
        field: 'jurisdiction',
      },
      {
        what: 'inbox without actor headers',
        method: 'GET',
        path: '/inbox?jurisdiction=J310115-SFJ',
        actor: null,
        status: 401,
        field: 'X-Actor-Role',
      },
      {
        what: 'unknown item',
        method: 'GET',
        path: '/items/KS9-999',
        actor: null,
        status: 404,
        notFound: 'service item not found',
      },
      {
        what: 'items searched with a NUL character',
        method: 'GET',
        path: '/items?q=%00',
        actor: null,
        status: 400,
        field: 'q',
      },
      {
        what: 'an item code with a NUL character',
        method: 'GET',
        path: '/items/KS1-001%00',
        actor: null,
        status: 404,
        notFound: 'service item not found',
      },
      {
        what: 'items of batch 7',
        method: 'GET',
        path: '/items?batch=7',
        actor: null,
        status: 400,
        field: 'batch',
      },
      {
        what: 'items of batch "two"',
        method: 'GET',
        path: '/items?batch=two',
        actor: null,
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
        `/track/${caseNumber}`,
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
        actor: officer,
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
        what: 'REQUEST_SUPPLEMENT asking for nothing',
        path: eventsOf('awaiting'),
        actor: officer,
        body: { type: 'REQUEST_SUPPLEMENT', items: [], note: '请补正' },
        status: 400,
        field: 'items',
      },
      {
        what: 'REQUEST_SUPPLEMENT without a note',
        path: eventsOf('awaiting'),
        actor: officer,
        body: { type: 'REQUEST_SUPPLEMENT', items: ['学历证书认证报告'] },
        status: 400,
        field: 'note',
      },
      {
        what: 'REFUSE without its legal basis',
        path: eventsOf('awaiting'),
        actor: officer,
        body: { type: 'REFUSE', reason: '不属于本机关职权范围' },
        status: 400,
        field: 'legalBasis',
      },
      {
        what: 'APPROVE without a result document',
        path: eventsOf('processing'),
        actor: officer,
        body: { type: 'APPROVE' },
        status: 400,
        field: 'result',
      },
      {
        what: 'APPROVE with a result document without a number',
        path: eventsOf('processing'),
        actor: officer,
        body: { type: 'APPROVE', result: { documentType: '公证书' } },
        status: 400,
        field: 'result.documentNumber',
      },
      {
        what: 'DENY without a reason',
        path: eventsOf('processing'),
        actor: officer,
        body: { type: 'DENY', legalBasis: '《公证程序规则》第四十八条' },
        status: 400,
        field: 'reason',
      },
      {
        what: 'DISPATCH_RESULT by mail without a waybill',
        path: eventsOf('concluded'),
        actor: officer,
        body: { type: 'DISPATCH_RESULT', method: 'mail' },
        status: 400,
        field: 'waybillNumber',
      },
      {
        what: 'DISPATCH_RESULT online for a paper-only result (KS1-001 公证书: mail only)',
        path: eventsOf('paperResult'),
        actor: officer,
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
        actor: officer,
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
