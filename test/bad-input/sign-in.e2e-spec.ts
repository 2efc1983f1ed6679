import { TEST_STAFF_PASSWORD } from '../support/fixtures';
import { badInputSuite, admin, SIGN_IN_REFUSED, title, type BadRequest } from '../support/bad-input';

/**
 * Bad input of signing in (POST /auth/token):
 * each refused with the error naming it, nothing written. The set-up and the checks every row
 * gets: test/support/bad-input.ts.
 */
describe('bad input is refused with the error naming it, and nothing is written', () => {
  const suite = badInputSuite();
  const { expectRefused } = suite;

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
      const created = await suite.api.call('POST', '/accounts', {
        ...admin,
        body: {
          username: 'clerk-retired-90',
          password: TEST_STAFF_PASSWORD,
          role: 'clerk',
          windowCode: 'W330902',
        },
      });
      expect(created.status).toBe(201);
      const deactivated = await suite.api.call('PATCH', '/accounts/clerk-retired-90', {
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
});
