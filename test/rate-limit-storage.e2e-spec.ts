import Redis from 'ioredis';
import { CLERK, notarisationApplication } from './support/fixtures';
import { startStack, type StackApi } from './support/stack';
import { TEST_ENV, TEST_STAFF_PASSWORD } from './support/test-env';

/** Signs in to `api` as `username` and answers the status. */
const signIn = async (api: StackApi, username: string, password: string) =>
  (await api.call('POST', '/auth/token', { body: { username, password } })).status;

/**
 * Receives case `notarisationApplication(n)` at `apis[0]`, then sends 30 wrong codes for it at once,
 * spread over `apis`; how many were checked (404) and refused (429).
 */
async function wrongCodesAtOnce(apis: StackApi[], n: number) {
  const { body: c } = await apis[0].call('POST', '/applications', {
    ...CLERK,
    body: notarisationApplication(n),
  });
  const wrong = String((Number(c.queryCode) + 1) % 1_000_000).padStart(6, '0');
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      apis[i % apis.length].call('GET', `/track/${c.caseNumber}?code=${wrong}`),
    ),
  );
  const count = (status: number) => answers.filter((a) => a.status === status).length;
  return { checked: count(404), refused: count(429) };
}

/** Rate-limit counts are kept in Redis, shared by every api process, and survive Redis being away. */
describe('rate-limit counts', () => {
  it('are shared by two api processes on one database and Redis: the limit is reached across both', async () => {
    const stack = await startStack({ apis: 2 });
    const { apis } = stack;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++)
        statuses.push(await signIn(apis[i % 2], 'supervisor-320100', `guess-number-${i}`));
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
      expect(await signIn(apis[0], 'supervisor-320100', TEST_STAFF_PASSWORD)).toBe(429);

      // Wrong query codes for one case count once across both too (5 from one client, then 429).
      const { body: c } = await apis[0].call('POST', '/applications', {
        ...CLERK,
        body: notarisationApplication(970),
      });
      const wrong = String((Number(c.queryCode) + 1) % 1_000_000).padStart(6, '0');
      const tracked: number[] = [];
      for (let i = 0; i < 6; i++)
        tracked.push((await apis[i % 2].call('GET', `/track/${c.caseNumber}?code=${wrong}`)).status);
      expect(tracked).toEqual([...Array(5).fill(404), 429]);
      // Sent at once to both, for another case: still five checked.
      expect(await wrongCodesAtOnce(apis, 972)).toEqual({ checked: 5, refused: 25 });

      // Under this test run's prefix, so another run on the same Redis keeps its own counts.
      const redis = new Redis(TEST_ENV.REDIS_URL);
      try {
        const keys = await redis.keys(`${TEST_ENV.QUEUE_PREFIX}:ratelimit:*`);
        expect(keys.some((k) => k.includes('user:supervisor-320100@'))).toBe(true);
        expect(keys.some((k) => k.includes(`fail:case:${c.caseNumber}`))).toBe(true);
      } finally {
        await redis.quit();
      }
    } finally {
      await stack.stop();
    }
  });

  it('are kept in the process when Redis does not answer: sign-in still answers and is still limited', async () => {
    // No counts to clear in a Redis that does not answer.
    const api = await startStack({ env: { REDIS_URL: 'redis://127.0.0.1:1' }, freshLimits: false });
    try {
      expect(await signIn(api, 'supervisor-310115', TEST_STAFF_PASSWORD)).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push(await signIn(api, 'supervisor-310115', `guess-number-${i}`));
      // Ten attempts a minute, the right one above included.
      expect(statuses).toEqual([...Array(9).fill(401), 429]);
      // Tracking answers too (an unknown case: 404), limited per client as before.
      expect((await api.call('GET', '/track/330902-20261130-990001?code=000000')).status).toBe(404);
      // Wrong codes sent at once are counted in the process one by one: five checked.
      expect(await wrongCodesAtOnce([api], 973)).toEqual({ checked: 5, refused: 25 });
    } finally {
      await api.stop();
    }
  });
});
