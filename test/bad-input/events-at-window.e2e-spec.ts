import { randomUUID } from 'node:crypto';
import {
  badInputSuite,
  clerk,
  officer,
  supervisor,
  admin,
  putuoClerk,
  DIGEST,
  eventsOf,
  staffToken,
  bearer,
  NO_TOKEN,
  TOKEN_REFUSED,
  ACCOUNT_REFUSED,
  title,
  type BadRequest,
} from '../support/bad-input';

/**
 * Bad input of events the window sends (POST /applications/:id/events):
 * each refused with the error naming it, nothing written. The set-up and the checks every row
 * gets: test/support/bad-input.ts.
 */
describe('bad input is refused with the error naming it, and nothing is written', () => {
  const suite = badInputSuite();
  const { cases, stateOf, expectRefused } = suite;

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
        conflict: { reason: 'stale_version', expectedVersion: 7, version: 1, state: 'received' },
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
      const view = (await suite.api.call('GET', `/applications/${cases.received.id}`, clerk)).body;
      expect({ state: view.state, version: view.version }).toEqual({ state: 'received', version: 1 });
      const ok = await suite.api.call('POST', `/applications/${cases.received.id}/events`, {
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
});
