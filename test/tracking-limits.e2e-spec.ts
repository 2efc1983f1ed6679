import { CLERK, notarisationApplication } from './support/fixtures';
import { startApi, type ApiHandle } from './support/harness';

/** Guessing a receipt's query code is limited per case number and per client address. */
describe('tracking rate limits', () => {
  let api: ApiHandle;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const clerk = CLERK;

  it('answers 404 to the first ten wrong codes for a case, then 429 even to the right code', async () => {
    const { body: c } = await api.call('POST', '/applications', {
      ...clerk,
      body: notarisationApplication(950),
    });
    const wrong = String((Number(c.queryCode) + 1) % 1_000_000).padStart(6, '0');
    const guesses = [];
    for (let i = 0; i < 10; i++)
      guesses.push((await api.call('GET', `/track/${c.caseNumber}?code=${wrong}`)).status);
    expect(guesses).toEqual(Array(10).fill(404));
    const blocked = await api.call('GET', `/track/${c.caseNumber}?code=${c.queryCode}`);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });

  it('limits one client to sixty tracking requests a minute across case numbers', async () => {
    const statuses = [];
    for (let i = 0; i < 60; i++) {
      statuses.push(
        (await api.call('GET', `/track/330902-20261130-${String(900000 + i)}?code=000000`)).status,
      );
    }
    // The 10 requests of the test above count too: this client is past 60 before the loop ends.
    expect(statuses.filter((s) => s === 404).length).toBe(50);
    expect(statuses.slice(50)).toEqual(Array(10).fill(429));
  });
});
