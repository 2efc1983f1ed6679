import { CLERK, notarisationApplication } from './support/fixtures';
import { startStack, type InProcessStack } from './support/stack';

/** A query code that is not `code` (the next one, six digits). */
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Guessing a receipt's query code is limited per case number and per client address. */
describe('tracking rate limits', () => {
  let api: InProcessStack;
  beforeAll(async () => {
    api = await startStack();
  });
  afterAll(() => api.stop());

  const clerk = CLERK;

  it('answers 404 to the first five wrong codes from a client, then 429 to it even with the right code', async () => {
    const { body: c } = await api.call('POST', '/applications', {
      ...clerk,
      body: notarisationApplication(950),
    });
    const wrong = otherThan(c.queryCode);
    const guesses = [];
    for (let i = 0; i < 6; i++)
      guesses.push((await api.call('GET', `/track/${c.caseNumber}?code=${wrong}`)).status);
    expect(guesses).toEqual([...Array(5).fill(404), 429]);
    const blocked = await api.call('GET', `/track/${c.caseNumber}?code=${c.queryCode}`);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      details: { reason: 'too_many_wrong_codes', retryAfterSeconds: expect.any(Number) },
    });
  });

  it('limits one client to sixty tracking and sign-in requests a minute across case numbers', async () => {
    const statuses = [];
    for (let i = 0; i < 60; i++) {
      statuses.push(
        (await api.call('GET', `/track/330902-20261130-${String(900000 + i)}?code=000000`)).status,
      );
    }
    // The clerk's sign-in and the 7 tracking requests of the test above count too.
    expect(statuses.filter((s) => s === 404).length).toBe(52);
    expect(statuses.slice(52)).toEqual(Array(8).fill(429));
  });
});

/**
 * Guessers (each its own address, behind a trusted proxy) spend a case's failure budget across
 * every tracking endpoint; the applicant with the receipt, from another address, keeps access.
 */
describe('wrong query codes do not lock the applicant out', () => {
  let api: InProcessStack;
  beforeAll(async () => {
    api = await startStack({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => api.stop());

  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
  const attempt = (address: string, endpoint: number, caseNumber: string, code: string) => {
    const at = `/track/${caseNumber}`;
    if (endpoint === 0) return api.call('GET', `${at}?code=${code}`, from(address));
    if (endpoint === 1)
      return api.call('POST', `${at}/withdraw?code=${code}`, {
        ...from(address),
        body: { reason: '不再需要' },
      });
    return api.call('POST', `${at}/evaluation?code=${code}`, {
      ...from(address),
      body: { grade: 'very_dissatisfied' },
    });
  };
  /** A case received at the window (`notarisationApplication(n)`): id, case number, query code. */
  const received = async (n: number) =>
    (await api.call('POST', '/applications', { ...CLERK, body: notarisationApplication(n) })).body as {
      id: string;
      caseNumber: string;
      queryCode: string;
    };
  /** Wrong codes from `address` spread over the three endpoints, until one is refused; the statuses. */
  const guessUntilRefused = async (address: string, caseNumber: string, code: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 12 && statuses.at(-1) !== 429; i++)
      statuses.push((await attempt(address, i % 3, caseNumber, otherThan(code))).status);
    return statuses;
  };

  it('refuses each guesser once its wrong codes or the case budget are spent; the applicant tracks, withdraws and evaluates', async () => {
    const c = await received(960);
    const delivered = await received(961);
    await api.dataSource.query(`UPDATE applications SET state = 'resultDelivered' WHERE id = $1`, [
      delivered.id,
    ]);

    for (const kase of [c, delivered]) {
      // One guesser: five wrong codes over GET, withdraw and evaluation count once, then 429 on each.
      expect(await guessUntilRefused('203.0.113.1', kase.caseNumber, kase.queryCode)).toEqual([
        ...Array(5).fill(404),
        429,
      ]);
      for (const endpoint of [0, 1, 2])
        expect((await attempt('203.0.113.1', endpoint, kase.caseNumber, kase.queryCode)).status).toBe(429);
      // A second guesser spends the rest of the case's budget (10 wrong codes a minute).
      expect(await guessUntilRefused('203.0.113.2', kase.caseNumber, kase.queryCode)).toEqual([
        ...Array(5).fill(404),
        429,
      ]);
      // A fresh address still has its code checked, once; having failed, it is refused everywhere.
      expect((await attempt('203.0.113.3', 0, kase.caseNumber, otherThan(kase.queryCode))).status).toBe(404);
      for (const endpoint of [0, 1, 2])
        expect((await attempt('203.0.113.3', endpoint, kase.caseNumber, kase.queryCode)).status).toBe(429);
    }

    // The applicant, from their own address, with the receipt.
    const applicant = '198.51.100.7';
    const tracked = await attempt(applicant, 0, c.caseNumber, c.queryCode);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ caseNumber: c.caseNumber, state: 'received' });
    const withdrawn = await attempt(applicant, 1, c.caseNumber, c.queryCode);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn' });
    const evaluated = await attempt(applicant, 2, delivered.caseNumber, delivered.queryCode);
    expect(evaluated.status).toBe(201);
    const [row] = await api.dataSource.query(
      `SELECT window_grade, jurisdiction_grade FROM evaluations WHERE application_id = $1`,
      [delivered.id],
    );
    expect(row).toEqual({ window_grade: 'very_dissatisfied', jurisdiction_grade: 'very_dissatisfied' });
  });

  it('checks exactly TRACK_FAILURES_PER_CLIENT of forty wrong codes sent at once from one address; the applicant still tracks', async () => {
    const c = await received(962);
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt('203.0.113.9', i % 3, c.caseNumber, otherThan(c.queryCode)),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect((await attempt('198.51.100.8', 0, c.caseNumber, c.queryCode)).status).toBe(200);
  });

  it("cannot spend another client's count through a made-up case number (`<number>:client:<address>`)", async () => {
    const c = await received(964);
    const applicant = '198.51.100.9';
    // The path names the count of the applicant's address for this case, were it used as a key.
    const forged = encodeURIComponent(`${c.caseNumber}:client:${applicant}`);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt('203.0.113.20', 0, forged, '000000')).status);
    expect(statuses).toEqual(Array(8).fill(404));
    expect((await attempt(applicant, 0, c.caseNumber, c.queryCode)).status).toBe(200);
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as the IPv4 one', async () => {
    const c = await received(963);
    const wrong = otherThan(c.queryCode);
    // One subscriber's /64: thirty addresses, one count (five wrong codes, then 429).
    const rotated: number[] = [];
    for (let i = 1; i <= 30; i++)
      rotated.push((await attempt(`2001:db8:1:2::${i.toString(16)}`, i % 3, c.caseNumber, wrong)).status);
    expect(rotated).toEqual([...Array(5).fill(404), ...Array(25).fill(429)]);
    // The next /64 is another client: its code is checked.
    expect((await attempt('2001:db8:1:3::1', 0, c.caseNumber, wrong)).status).toBe(404);
    // 203.0.113.20 and ::ffff:203.0.113.20 are one client (on another case, so the guesses above do not spend its budget).
    const d = await received(964);
    const mapped: number[] = [];
    for (let i = 0; i < 6; i++)
      mapped.push(
        (
          await attempt(
            i % 2 ? '::ffff:203.0.113.20' : '203.0.113.20',
            0,
            d.caseNumber,
            otherThan(d.queryCode),
          )
        ).status,
      );
    expect(mapped).toEqual([...Array(5).fill(404), 429]);

    // The throttlers count by /64 too: 10 sign-ins a minute per username, then 429 from any address of it.
    const signIns: number[] = [];
    for (let i = 1; i <= 11; i++) {
      const answer = await api.call('POST', '/auth/token', {
        ...from(`2001:db8:5:6:${i.toString(16)}::1`),
        body: { username: 'supervisor-320100', password: `guess-number-${i}` },
      });
      signIns.push(answer.status);
    }
    expect(signIns).toEqual([...Array(10).fill(401), 429]);
    // And 60 tracking requests a minute per client, whatever address of its /64 each comes from.
    const tracked: number[] = [];
    for (let i = 1; i <= 61; i++) {
      const unknownCase = `330902-20261130-${String(910000 + i)}`;
      tracked.push((await attempt(`2001:db8:7:8:${i.toString(16)}::1`, 0, unknownCase, '000000')).status);
    }
    expect(tracked).toEqual([...Array(60).fill(404), 429]);
  });
});
