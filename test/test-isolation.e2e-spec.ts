import type { TEST_ENV as TestEnv } from './support/test-env';

type Settings = Record<string, string | undefined>;

/** The test settings a run with `settings` in its environment gets (test-env, or fault-env for faults). */
function settingsOf(settings: Settings, module: './support/test-env' | './faults/support/fault-env') {
  const saved = { ...process.env };
  try {
    for (const [name, value] of Object.entries(settings)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    let env: typeof TestEnv | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded afresh under `settings`
      const loaded = require(module) as { TEST_ENV?: typeof TestEnv; FAULT_ENV?: typeof TestEnv };
      env = loaded.TEST_ENV ?? loaded.FAULT_ENV;
    });
    return env as typeof TestEnv;
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}

const UNSET = { TEST_STORAGE_DIR: undefined, FAULT_DATABASE_URL: undefined, FAULT_REDIS_URL: undefined };

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
});
