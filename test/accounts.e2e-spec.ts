import { CLERK, notarisationApplication } from './support/fixtures';
import { startStack, type InProcessStack } from './support/stack';
import { costOf, hashPassword, seedDemoAccounts } from '@app/accounts';
import { loadConfig } from '@app/common';
import { createAdmin } from '../apps/cli/src/create-admin';
import { TEST_STAFF_PASSWORD } from './support/test-env';

/** What the guard answers a token whose account is deactivated, changed or gone. */
const ACCOUNT_REFUSED =
  'no active account accepts this token (deactivated, password changed or unknown): sign in again';

/** Staff sign in, get a bearer token, and an admin keeps the accounts: what a service centre needs daily. */
describe('staff accounts and tokens', () => {
  let api: InProcessStack;
  beforeAll(async () => {
    api = await startStack();
  });
  afterAll(() => api.stop());

  const signIn = (username: string, password: string) =>
    api.call('POST', '/auth/token', { body: { username, password } });

  it('signs a clerk in with a token for their window, and the audit trail names the account', async () => {
    const res = await signIn('Clerk-W330902', TEST_STAFF_PASSWORD); // usernames are not case-sensitive
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      account: { username: 'clerk-w330902', role: 'clerk', windowCode: 'W330902' },
    });
    const receipt = await api.call('POST', '/applications', {
      headers: { authorization: `Bearer ${res.body.accessToken}` },
      body: { ...notarisationApplication(970), windowCode: undefined }, // the window comes from the account
    });
    expect(receipt.status).toBe(201);
    const history = await api.call('GET', `/applications/${receipt.body.id}/history`, CLERK);
    expect(history.body[0]).toMatchObject({ type: 'RECEIVE', actorRole: 'clerk', actorId: 'clerk-w330902' });
    expect(history.body[0].payload.windowCode).toBe('W330902');
  });

  it('answers a wrong password and an unknown username alike, so names cannot be probed', async () => {
    const wrong = await signIn('officer-j310115-sfj', 'not-the-password');
    const unknown = await signIn('officer-nobody', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
  });

  it('lets nobody in without a token, except to health, the catalogue and tracking', async () => {
    expect((await api.call('GET', '/inbox')).status).toBe(401);
    expect((await api.call('GET', '/applications')).status).toBe(401);
    expect((await api.call('GET', '/accounts')).status).toBe(401);
    expect((await api.call('GET', '/health')).status).toBe(200);
    expect((await api.call('GET', '/items/KS1-001')).status).toBe(200);
    expect((await api.call('GET', '/track/330902-20261130-999999?code=123456')).status).toBe(404);
  });

  it('keeps an admin away from cases: admins manage accounts only', async () => {
    const res = await api.call('GET', '/applications', { as: 'admin' });
    expect(res.status).toBe(403);
  });

  it('creates an account that can sign in; deactivated it cannot, reactivated it can again', async () => {
    const created = await api.call('POST', '/accounts', {
      as: 'admin',
      body: {
        username: 'officer-j320100-mzj-02',
        password: 'first-password-01',
        role: 'officer',
        jurisdictionCode: 'J320100-MZJ',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'officer-j320100-mzj-02', active: true });
    expect(created.body).not.toHaveProperty('passwordHash');
    const token = (await signIn('officer-j320100-mzj-02', 'first-password-01')).body.accessToken;
    const inbox = () => api.call('GET', '/inbox', { headers: { authorization: `Bearer ${token}` } });
    expect((await inbox()).status).toBe(200);

    const off = await api.call('PATCH', '/accounts/officer-j320100-mzj-02', {
      as: 'admin',
      body: { active: false },
    });
    expect(off.body.active).toBe(false);
    expect((await signIn('officer-j320100-mzj-02', 'first-password-01')).status).toBe(401);
    // The token it already holds is refused from the next request, not when it lapses.
    expect(await inbox()).toMatchObject({ status: 401, body: { message: ACCOUNT_REFUSED } });

    await api.call('PATCH', '/accounts/officer-j320100-mzj-02', {
      as: 'admin',
      body: { active: true, password: 'second-password-02' },
    });
    expect((await signIn('officer-j320100-mzj-02', 'first-password-01')).status).toBe(401);
    expect((await signIn('officer-j320100-mzj-02', 'second-password-02')).status).toBe(200);
    // Reactivation does not bring the old token back.
    expect((await inbox()).status).toBe(401);
  });

  it('refuses the tokens taken before a password reset, at once', async () => {
    const created = await api.call('POST', '/accounts', {
      as: 'admin',
      body: {
        username: 'clerk-w330903-02',
        password: 'before-reset-01',
        role: 'clerk',
        windowCode: 'W330903',
      },
    });
    expect(created.status).toBe(201);
    const token = (await signIn('clerk-w330903-02', 'before-reset-01')).body.accessToken;
    const worklist = () =>
      api.call('GET', '/applications', { headers: { authorization: `Bearer ${token}` } });
    expect((await worklist()).status).toBe(200);
    await api.call('PATCH', '/accounts/clerk-w330903-02', {
      as: 'admin',
      body: { password: 'after-reset-02' },
    });
    expect(await worklist()).toMatchObject({ status: 401, body: { message: ACCOUNT_REFUSED } });
  });

  it('lets one of two admins who deactivate each other at the same moment win, never both', async () => {
    for (const username of ['admin-east', 'admin-west']) {
      const made = await api.call('POST', '/accounts', {
        as: 'admin',
        body: { username, password: TEST_STAFF_PASSWORD, role: 'admin' },
      });
      expect(made.status).toBe(201);
    }
    // Both signed in before, so the two PATCHes leave at the same moment.
    for (const as of ['admin-east', 'admin-west'])
      expect((await api.call('GET', '/accounts', { as })).status).toBe(200);
    const answers = await Promise.all([
      api.call('PATCH', '/accounts/admin-west', { as: 'admin-east', body: { active: false } }),
      api.call('PATCH', '/accounts/admin-east', { as: 'admin-west', body: { active: false } }),
    ]);
    // The loser is refused in the transaction (403: no longer an active admin) or, when it starts
    // after the winner committed, at the door (401: its token's account is deactivated).
    const [winner, loser] = answers.map((a) => a.status).sort();
    expect(winner).toBe(200);
    expect([401, 403]).toContain(loser);
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM staff_accounts WHERE username IN ('admin-east', 'admin-west') AND active`,
    );
    expect(n).toBe(1);
  });

  it('leaves what an admin changed on demo accounts when setup runs again', async () => {
    await api.call('PATCH', '/accounts/officer-j350100-cl', { as: 'admin', body: { active: false } });
    await api.call('PATCH', '/accounts/supervisor-350100', {
      as: 'admin',
      body: { password: 'own-password-350100' },
    });
    expect(await seedDemoAccounts(api.dataSource, TEST_STAFF_PASSWORD, 4)).toBe(0); // all exist: none created
    expect((await signIn('officer-j350100-cl', TEST_STAFF_PASSWORD)).status).toBe(401);
    expect((await signIn('supervisor-350100', TEST_STAFF_PASSWORD)).status).toBe(401);
    expect((await signIn('supervisor-350100', 'own-password-350100')).status).toBe(200);
  });

  it('creates a first admin from the command line, the password from NEW_ADMIN_PASSWORD', async () => {
    process.env.NEW_ADMIN_PASSWORD = 'operator-chosen-01';
    try {
      expect(await createAdmin(loadConfig(), 'Admin-Ops')).toBe('admin-ops');
      await expect(createAdmin(loadConfig(), 'admin-ops')).rejects.toThrow('username admin-ops is taken');
    } finally {
      delete process.env.NEW_ADMIN_PASSWORD;
    }
    await expect(createAdmin(loadConfig(), 'admin-nopass')).rejects.toThrow(/^usage: NEW_ADMIN_PASSWORD/);
    expect((await signIn('admin-ops', 'operator-chosen-01')).body.account).toEqual({
      username: 'admin-ops',
      role: 'admin',
    });
  });

  it('remakes a hash made at another cost at BCRYPT_COST on sign-in, keeping the tokens valid', async () => {
    const username = 'officer-j350100-mzj';
    await api.dataSource.query(`UPDATE staff_accounts SET password_hash = $2 WHERE username = $1`, [
      username,
      await hashPassword(TEST_STAFF_PASSWORD, 5),
    ]);
    const [before] = await api.dataSource.query(
      `SELECT token_version FROM staff_accounts WHERE username = $1`,
      [username],
    );
    expect((await signIn(username, TEST_STAFF_PASSWORD)).status).toBe(200);
    const [after] = await api.dataSource.query(
      `SELECT password_hash, token_version FROM staff_accounts WHERE username = $1`,
      [username],
    );
    expect(costOf(after.password_hash)).toBe(Number(process.env.BCRYPT_COST));
    expect(after.token_version).toBe(before.token_version);
    expect((await signIn(username, TEST_STAFF_PASSWORD)).status).toBe(200);
  });

  it('takes sign-in as JSON only: a form post from another site gets 415', async () => {
    const res = await fetch(`${api.baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=admin&password=${TEST_STAFF_PASSWORD}`,
    });
    expect(res.status).toBe(415);
  });

  it('lists accounts to an admin without their hashes, and to nobody else', async () => {
    const list = await api.call<any[]>('GET', '/accounts?role=supervisor', { as: 'admin' });
    expect(list.status).toBe(200);
    expect(list.body.map((a) => a.username)).toContain('supervisor-330900');
    expect(list.body.every((a) => a.role === 'supervisor' && !('passwordHash' in a))).toBe(true);
    expect((await api.call('GET', '/accounts', CLERK)).status).toBe(403);
  });

  it('does not let an admin deactivate themself', async () => {
    const res = await api.call('PATCH', '/accounts/admin', { as: 'admin', body: { active: false } });
    expect(res.status).toBe(403);
    expect((await signIn('admin', TEST_STAFF_PASSWORD)).status).toBe(200);
  });

  it('stops password guessing on one account after LOGIN_LIMIT_PER_USER tries a minute (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await signIn('supervisor-320100', `guess-number-${i}`)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    const refused = await signIn('supervisor-320100', 'guess-number-11');
    expect(refused.body).toMatchObject({
      statusCode: 429,
      details: { retryAfterSeconds: expect.any(Number) },
    });
    // Another account from the same place is not locked out by it.
    expect((await signIn('supervisor-310115', TEST_STAFF_PASSWORD)).status).toBe(200);
  });
});
