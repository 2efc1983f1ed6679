import { TEST_STAFF_PASSWORD } from '../support/fixtures';
import {
  badInputSuite,
  valid,
  eventsOf,
  caseOf,
  staffToken,
  unsignedToken,
  tamperedToken,
  bearer,
  anHourAgo,
  NO_TOKEN,
  TOKEN_REFUSED,
  ACCOUNT_REFUSED,
  title,
  type BadRequest,
} from '../support/bad-input';

/**
 * Bad input of who is calling: the Authorization header and the bearer token:
 * each refused with the error naming it, nothing written. The set-up and the checks every row
 * gets: test/support/bad-input.ts.
 */
describe('bad input is refused with the error naming it, and nothing is written', () => {
  const suite = badInputSuite();
  const { cases, expectRefused } = suite;

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
      const res = await suite.api.call('GET', `/applications/${cases.received.id}`, {
        headers: bearer(staffToken()),
      });
      expect({ status: res.status, id: res.body.id }).toEqual({ status: 200, id: cases.received.id });
    });
  });
});
