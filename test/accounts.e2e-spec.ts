import { CLERK, notarisationApplication } from './support/fixtures';
import { startApi, type ApiHandle } from './support/harness';
import { TEST_STAFF_PASSWORD } from './support/test-env';

/** Staff sign in, get a bearer token, and an admin keeps the accounts: what a service centre needs daily. */
describe('staff accounts and tokens', () => {
  let api: ApiHandle;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

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
    expect(await inbox()).toMatchObject({ status: 401, body: { message: 'the account is deactivated' } });

    await api.call('PATCH', '/accounts/officer-j320100-mzj-02', {
      as: 'admin',
      body: { active: true, password: 'second-password-02' },
    });
    expect((await signIn('officer-j320100-mzj-02', 'first-password-01')).status).toBe(401);
    expect((await signIn('officer-j320100-mzj-02', 'second-password-02')).status).toBe(200);
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
    // Another account from the same place is not locked out by it.
    expect((await signIn('supervisor-310115', TEST_STAFF_PASSWORD)).status).toBe(200);
  });
});
