import { signIn } from '../support/http';
import {
  badInputSuite,
  officer,
  supervisor,
  admin,
  NO_TOKEN,
  title,
  type BadRequest,
} from '../support/bad-input';

/**
 * Bad input of keeping accounts (/accounts, an admin's business):
 * each refused with the error naming it, nothing written. The set-up and the checks every row
 * gets: test/support/bad-input.ts.
 */
describe('bad input is refused with the error naming it, and nothing is written', () => {
  const suite = badInputSuite();
  const { written, expectRefused } = suite;

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
      const res = await suite.api.call('POST', '/accounts', { ...admin, body: account({ password }) });
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
      expect(await signIn(suite.api.baseUrl, 'clerk-w330902-90', password)).toEqual(expect.any(String));
    });
  });
});
