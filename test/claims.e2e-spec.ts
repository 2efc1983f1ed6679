import { caseDriver, type ReceivedCase } from './support/case-driver';
import { CLERK, LEAD, OFFICER, SUPERVISOR, TEST_STAFF_PASSWORD } from './support/fixtures';
import type { Call } from './support/http';
import { startStack, type InProcessStack } from './support/stack';

/** Starting the stack on a busy two-core machine, milliseconds. */
const STARTUP_MS = 180_000;

/** Another officer of J310115-SFJ (OFFICER's jurisdiction), made by the seeded admin once per run. */
async function colleague(call: Call, username: string): Promise<{ as: string }> {
  const res = await call('POST', '/accounts', {
    as: 'admin',
    body: { username, password: TEST_STAFF_PASSWORD, role: 'officer', jurisdictionCode: 'J310115-SFJ' },
  });
  if (res.status !== 201 && res.status !== 409) {
    throw new Error(`creating ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return { as: username };
}

/**
 * Issue 14, claim and release (认领与释放): a case has at most one holder among its home
 * jurisdiction's officers; a second claim is refused naming the holder (never taken over); a
 * claimed case's actions are the holder's; the holder releases it; a supervisor of the
 * jurisdiction's division or its lead officer (科室负责人) hands an absent colleague's cases to
 * another, in bulk; each step is a row of the case's signed history.
 */
describe('claim and release', () => {
  let api: InProcessStack;
  let drive: ReturnType<typeof caseDriver>;
  let other: { as: string };
  let absent: { as: string };
  beforeAll(async () => {
    api = await startStack({ workers: 1 });
    drive = caseDriver(api.call, 21_400);
    other = await colleague(api.call, 'officer-j310115-sfj-claims-b');
    absent = await colleague(api.call, 'officer-j310115-sfj-claims-c');
  }, STARTUP_MS);
  afterAll(() => api?.stop());

  const claim = (c: ReceivedCase, who: { as: string }, headers: Record<string, string> = {}) =>
    api.call('POST', `/applications/${c.id}/claim`, { ...who, headers });
  const release = (c: ReceivedCase, who: { as: string }) =>
    api.call('DELETE', `/applications/${c.id}/claim`, who);
  const event = (c: ReceivedCase, who: { as: string }, body: object) =>
    api.call('POST', `/applications/${c.id}/events`, { ...who, body });

  it('gives the case one holder: a second claim is refused naming the holder, and their events too', async () => {
    const c = await drive.arrived();
    const before = await drive.view(c, OFFICER);
    expect(before.holder).toBeNull();

    const claimed = await claim(c, OFFICER, { 'if-match': String(before.version) });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({
      caseNumber: c.caseNumber,
      state: 'forwarded.awaitingAcceptance',
      holder: OFFICER.as,
      version: before.version + 1,
    });
    expect(claimed.body.claimedAt).toMatch(/\+08:00$/);
    // Claiming again as the holder changes nothing.
    expect((await claim(c, OFFICER)).body.version).toBe(before.version + 1);

    const second = await claim(c, other);
    expect(second.status).toBe(409);
    expect(second.body.details).toMatchObject({ reason: 'claimed_by_other', holder: OFFICER.as });
    expect(second.body.message).toContain(OFFICER.as);

    // Everyone sees who holds it; the other officer is offered no action and refused one.
    expect((await drive.view(c, other)).holder).toMatchObject({ username: OFFICER.as });
    expect((await drive.view(c, other)).allowedEvents).toEqual([]);
    expect((await drive.view(c, OFFICER)).allowedEvents).toContain('ACCEPT');
    expect((await drive.view(c, CLERK)).holder).toMatchObject({ username: OFFICER.as });
    const refused = await event(c, other, { type: 'ACCEPT' });
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({ reason: 'claimed_by_other', holder: OFFICER.as });
    expect((await drive.view(c, OFFICER)).state).toBe('forwarded.awaitingAcceptance');

    // The holder acts; the officer's worklist shows the holder, and the holder's filter finds it.
    expect((await event(c, OFFICER, { type: 'ACCEPT' })).status).toBe(200);
    const listed = await api.call('GET', `/applications?caseNumber=${c.caseNumber}`, other);
    expect(listed.body.cases[0]).toMatchObject({ caseNumber: c.caseNumber, holder: OFFICER.as });
  });

  it('lets only the holder release; released, the case behaves as before and another may claim it', async () => {
    const c = await drive.arrived();
    expect((await claim(c, OFFICER)).status).toBe(200);
    const notTheirs = await release(c, other);
    expect(notTheirs.status).toBe(409);
    expect(notTheirs.body.details).toMatchObject({ reason: 'claimed_by_other', holder: OFFICER.as });

    const released = await release(c, OFFICER);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ holder: null, claimedAt: null });
    expect((await release(c, OFFICER)).body.details).toMatchObject({ reason: 'not_claimed' });
    expect((await drive.view(c, other)).holder).toBeNull();
    expect((await claim(c, other)).body.holder).toBe(other.as);

    const rows = (await drive.history(c)).filter((r: { type: string }) =>
      ['CLAIMED', 'RELEASED'].includes(r.type),
    );
    expect(rows.map((r: any) => [r.type, r.actorId, r.payload.holder, r.fromState === r.toState])).toEqual([
      ['CLAIMED', OFFICER.as, OFFICER.as, true],
      ['RELEASED', OFFICER.as, null, true],
      ['CLAIMED', other.as, other.as, true],
    ]);
    expect((await drive.verify(c)).verdict).toMatchObject({ intact: true });
  });

  it('refuses a stale claim: the page saw an older version', async () => {
    const c = await drive.arrived();
    const seen = (await drive.view(c, other)).version;
    expect((await claim(c, OFFICER)).status).toBe(200);
    expect((await release(c, OFFICER)).status).toBe(200);
    const stale = await claim(c, other, { 'if-match': String(seen) });
    expect(stale.status).toBe(409);
    expect(stale.body.details).toMatchObject({ reason: 'stale_version', version: seen + 2 });
  });

  it("lets the lead officer hand an absent colleague's cases, all or some, to a named colleague", async () => {
    const [a, b, c] = [await drive.arrived(), await drive.arrived(), await drive.arrived()];
    for (const k of [a, b, c]) expect((await claim(k, absent)).status).toBe(200);

    // An officer who does not lead may not; nor a clerk.
    const byOfficer = await api.call('POST', '/claims/reassign', {
      ...OFFICER,
      body: { from: absent.as, to: OFFICER.as },
    });
    expect(byOfficer.status).toBe(403);
    const byClerk = await api.call('POST', '/claims/reassign', {
      ...CLERK,
      body: { from: absent.as, to: OFFICER.as },
    });
    expect(byClerk.status).toBe(403);

    const some = await api.call('POST', '/claims/reassign', {
      ...LEAD,
      body: { from: absent.as, to: OFFICER.as, caseIds: [a.id] },
    });
    expect(some.status).toBe(200);
    expect(some.body).toMatchObject({
      from: absent.as,
      to: OFFICER.as,
      cases: [{ caseNumber: a.caseNumber }],
    });
    expect((await drive.view(a, LEAD)).holder).toMatchObject({ username: OFFICER.as });
    expect((await drive.view(b, LEAD)).holder).toMatchObject({ username: absent.as });

    // Named cases the absent officer does not hold (any more) are refused, naming them.
    const notHeld = await api.call('POST', '/claims/reassign', {
      ...LEAD,
      body: { from: absent.as, to: other.as, caseIds: [a.id, b.id] },
    });
    expect(notHeld.status).toBe(409);
    expect(notHeld.body.details).toMatchObject({ reason: 'not_held', caseIds: [a.id] });

    const all = await api.call('POST', '/claims/reassign', {
      ...LEAD,
      body: { from: absent.as, to: other.as },
    });
    expect(all.status).toBe(200);
    expect(all.body.cases.map((x: { id: string }) => x.id).sort()).toEqual([b.id, c.id].sort());
    expect((await drive.view(c, OFFICER)).holder).toMatchObject({ username: other.as });
    const [row] = (await drive.history(c)).filter((r: { type: string }) => r.type === 'REASSIGNED');
    expect(row).toMatchObject({
      actorId: LEAD.as,
      payload: { holder: other.as, previousHolder: absent.as },
    });
    // The new holder acts on it; the one who held it before may not.
    expect((await event(c, absent, { type: 'ACCEPT' })).body.details).toMatchObject({ holder: other.as });
    expect((await event(c, other, { type: 'ACCEPT' })).status).toBe(200);
  });

  it("lets the division's supervisor reassign within it; another division's supervisor and a stranger not", async () => {
    const k = await drive.arrived();
    expect((await claim(k, absent)).status).toBe(200);
    // 舟山市's supervisor sees the case (received at 定海区) but the jurisdiction lies in 上海市浦东新区.
    const outside = await api.call('POST', '/claims/reassign', {
      ...SUPERVISOR,
      body: { from: absent.as, to: OFFICER.as },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.details).toContainEqual(expect.objectContaining({ field: 'to' }));
    // Cases go only to an officer of their own jurisdiction.
    const elsewhere = await api.call('POST', '/claims/reassign', {
      as: 'supervisor-310115',
      body: { from: absent.as, to: 'officer-j310115-rsj' },
    });
    expect(elsewhere.status).toBe(400);
    const toClerk = await api.call('POST', '/claims/reassign', {
      as: 'lead-j310115-sfj',
      body: { from: absent.as, to: CLERK.as },
    });
    expect(toClerk.status).toBe(400);

    const done = await api.call('POST', '/claims/reassign', {
      as: 'supervisor-310115',
      body: { from: absent.as, to: OFFICER.as, caseIds: [k.id] },
    });
    expect(done.status).toBe(200);
    expect((await drive.view(k, OFFICER)).holder).toMatchObject({ username: OFFICER.as });
    // Another jurisdiction's officer does not see the case at all.
    expect((await claim(k, { as: 'officer-j310115-rsj' })).status).toBe(404);
    expect((await claim(k, CLERK)).status).toBe(403);
  });

  it('creates a lead officer through the accounts api; only an officer may lead', async () => {
    const made = await api.call('POST', '/accounts', {
      as: 'admin',
      body: {
        username: 'lead-j310115-sfj-claims-02',
        password: TEST_STAFF_PASSWORD,
        role: 'officer',
        jurisdictionCode: 'J310115-SFJ',
        lead: true,
      },
    });
    expect([201, 409]).toContain(made.status);
    if (made.status === 201) expect(made.body).toMatchObject({ lead: true });
    const clerkLead = await api.call('POST', '/accounts', {
      as: 'admin',
      body: {
        username: 'clerk-w330902-claims-02',
        password: TEST_STAFF_PASSWORD,
        role: 'clerk',
        windowCode: 'W330902',
        lead: true,
      },
    });
    expect(clerkLead.status).toBe(400);
  });
});
