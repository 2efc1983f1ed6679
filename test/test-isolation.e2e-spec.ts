import { AppConfig } from '@app/common';
import { withEnv, type EnvSettings } from './support/env';
import { startStack } from './support/stack';
import { TEST_ENV } from './support/test-env';

/** The test settings a run with `settings` in its environment gets (test-env, or fault-env for faults). */
function settingsOf(settings: EnvSettings, module: './support/test-env' | './faults/support/fault-env') {
  return withEnv(settings, () => {
    let env: typeof TEST_ENV | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded afresh under `settings`
      const loaded = require(module) as { TEST_ENV?: typeof TEST_ENV; FAULT_ENV?: typeof TEST_ENV };
      env = loaded.TEST_ENV ?? loaded.FAULT_ENV;
    });
    return env as typeof TEST_ENV;
  });
}

const UNSET = {
  TEST_STORAGE_DIR: undefined,
  FAULT_DATABASE_URL: undefined,
  FAULT_REDIS_URL: undefined,
  FAULT_QUEUE_PREFIX: undefined,
  FAULT_STORAGE_DIR: undefined,
};

/** Two test runs on one machine, moved aside by their TEST_* / FAULT_* settings, share nothing. */
describe('two test runs on one machine', () => {
  const runA = {
    ...UNSET,
    TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pa_test_a',
    TEST_QUEUE_PREFIX: 'pa-test-a',
  };
  const runB = {
    ...UNSET,
    TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pa_test_b',
    TEST_QUEUE_PREFIX: 'pa-test-b',
  };
  const faultA = {
    ...runA,
    FAULT_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pa_fault_a',
    FAULT_REDIS_URL: 'redis://127.0.0.1:6379/12',
  };
  const faultB = {
    ...runB,
    FAULT_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pa_fault_b',
    FAULT_REDIS_URL: 'redis://127.0.0.1:6379/13',
  };

  it('keep their uploads in different folders, named after their database', () => {
    const [a, b] = [settingsOf(runA, './support/test-env'), settingsOf(runB, './support/test-env')];
    expect(a.STORAGE_DIR).not.toBe(b.STORAGE_DIR);
    expect(a.STORAGE_DIR).toContain('pa_test_a');
    expect([a.DATABASE_URL, a.QUEUE_PREFIX]).toEqual([runA.TEST_DATABASE_URL, runA.TEST_QUEUE_PREFIX]);
  });

  it('put the uploads where TEST_STORAGE_DIR says', () => {
    expect(
      settingsOf({ ...runA, TEST_STORAGE_DIR: '/srv/uploads-a' }, './support/test-env').STORAGE_DIR,
    ).toBe('/srv/uploads-a');
  });

  it('keep the uploads of two fault runs apart, and apart from the end-to-end run', () => {
    const [a, b] = [
      settingsOf(faultA, './faults/support/fault-env'),
      settingsOf(faultB, './faults/support/fault-env'),
    ];
    expect(new Set([a.DATABASE_URL, b.DATABASE_URL]).size).toBe(2);
    expect(new Set([a.REDIS_URL, b.REDIS_URL]).size).toBe(2);
    expect(
      new Set([a.STORAGE_DIR, b.STORAGE_DIR, settingsOf(runA, './support/test-env').STORAGE_DIR]).size,
    ).toBe(3);
  });

  it('keep a fault run off the upload folder TEST_STORAGE_DIR gives the end-to-end run', () => {
    const e2e = { ...runA, TEST_STORAGE_DIR: '/srv/uploads-a' };
    const fault = settingsOf({ ...faultA, TEST_STORAGE_DIR: '/srv/uploads-a' }, './faults/support/fault-env');
    expect(fault.STORAGE_DIR).not.toBe(settingsOf(e2e, './support/test-env').STORAGE_DIR);
    expect(fault.STORAGE_DIR).toContain('pa_fault_a');
  });

  it('move a fault run’s queue prefix and uploads where FAULT_QUEUE_PREFIX and FAULT_STORAGE_DIR say', () => {
    const moved = { FAULT_QUEUE_PREFIX: 'pa-fault-a', FAULT_STORAGE_DIR: '/srv/fault-uploads-a' };
    const a = settingsOf({ ...faultA, ...moved }, './faults/support/fault-env');
    const b = settingsOf(faultB, './faults/support/fault-env');
    expect([a.QUEUE_PREFIX, a.STORAGE_DIR]).toEqual(['pa-fault-a', '/srv/fault-uploads-a']);
    expect(b.QUEUE_PREFIX).not.toBe(a.QUEUE_PREFIX);
  });

  it('start their apps on the run’s database, Redis and queue prefix', async () => {
    const stack = await startStack({ workers: 1 });
    try {
      const config = stack.app.get(AppConfig);
      expect([config.DATABASE_URL, config.REDIS_URL, config.QUEUE_PREFIX, config.STORAGE_DIR]).toEqual([
        TEST_ENV.DATABASE_URL,
        TEST_ENV.REDIS_URL,
        TEST_ENV.QUEUE_PREFIX,
        TEST_ENV.STORAGE_DIR,
      ]);
      // The worker takes the jobs of this run's queues (prefix and Redis), no other run's.
      expect(await stack.queues.courier.getWorkersCount()).toBeGreaterThan(0);
      expect(await stack.queues['parcel-tracking'].getWorkersCount()).toBeGreaterThan(0);
    } finally {
      await stack.stop();
    }
  });
});
