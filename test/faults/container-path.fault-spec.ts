import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { notarisationApplication, scanPage } from '../support/fixtures';
import { signIn, uploadScan } from '../support/http';
import { runToExit, startStack, type Launch, type ProcessStack } from '../support/stack';
import { FAULT_ENV } from './support/fault-env';
import { say } from './support/report';

const REPO = resolve(__dirname, '../..');

/** The final stage of docker/Dockerfile: its WORKDIR, ENV and the directories it makes for USER. */
function finalStage(): { workdir: string; env: Record<string, string>; user: string; run: string[] } {
  const lines = readFileSync(join(REPO, 'docker/Dockerfile'), 'utf8').split('\n');
  const stage = lines.slice(lines.map((l) => l.startsWith('FROM ')).lastIndexOf(true));
  const args = (op: string) =>
    stage.filter((l) => l.startsWith(`${op} `)).map((l) => l.slice(op.length + 1).trim());
  const env = Object.fromEntries(args('ENV').map((a) => a.split('=', 2) as [string, string]));
  return {
    workdir: args('WORKDIR').at(-1) ?? '/',
    env,
    user: args('USER').at(-1) ?? 'root',
    run: args('RUN'),
  };
}

/** Drops the test's own database `url` (on the fault database's server), if it exists. */
async function dropDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: FAULT_ENV.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

const AS_ROOT = process.getuid?.() === 0;

/** True when the unprivileged user (nobody, when the tests run as root) can read `path`. */
function userCanRead(path: string): boolean {
  if (!AS_ROOT) return true;
  return (
    spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'test', '-r', path])
      .status === 0
  );
}

/**
 * The container path without a container engine: the production bundles (api and cli) run from a
 * copy of the image's /app, read-only, as an unprivileged user (nobody when the tests run as root,
 * else the tests' own user), under a folder standing in for the image's root, with the image's ENV
 * (NODE_ENV=production, STORAGE_DIR) and keys written by docker/make-keys.sh. The storage folder is
 * the only place the process may write. A scan uploaded over HTTP must answer 201 and be on disk.
 */
describe('the container path: production bundle, unprivileged user, read-only app folder', () => {
  const image = finalStage();
  const root = mkdtempSync(join(tmpdir(), 'pa-container-'));
  const app = join(root, image.workdir);
  const database = `${FAULT_ENV.DATABASE_URL}_container`;
  let stack: ProcessStack | undefined;
  let env: Record<string, string>;

  /** Runs `args` with node from the app folder as the unprivileged user. */
  const asUser = (args: string[], extra: Record<string, string> = {}) => {
    const command = AS_ROOT
      ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, ...args]
      : [process.execPath, ...args];
    return { command, options: { cwd: app, env: { ...env, ...extra } } };
  };
  const runAsUser = (args: string[], extra: Record<string, string> = {}): SpawnSyncReturns<string> => {
    const { command, options } = asUser(args, extra);
    return spawnSync(command[0], command.slice(1), { ...options, encoding: 'utf8', timeout: 60_000 });
  };
  /** Launches a built bundle as the user, from the app folder, in the image's environment plus `extra`. */
  const launchAsUser: Launch = (name, extra, output = 'inherit') => {
    const { command, options } = asUser([`dist/apps/${name}/main.js`], extra);
    return {
      name,
      child: spawn(command[0], command.slice(1), { ...options, stdio: ['ignore', output, output] }),
    };
  };

  beforeAll(async () => {
    // /app as the image has it: the built bundles, seeds and package.json.
    for (const part of ['dist', 'seeds', 'package.json'])
      cpSync(join(REPO, part), join(app, part), { recursive: true });
    // node_modules read in place when the user can reach it; a clone under a private home (/root)
    // cannot be reached by nobody, so it is copied there.
    if (userCanRead(join(REPO, 'node_modules', 'typeorm', 'package.json'))) {
      symlinkSync(join(REPO, 'node_modules'), join(app, 'node_modules'));
    } else {
      cpSync(join(REPO, 'node_modules'), join(app, 'node_modules'), { recursive: true });
    }
    // The keys, as the one-time step writes them for compose.
    cpSync(join(REPO, 'docker/make-keys.sh'), join(root, 'make-keys.sh'));
    expect(spawnSync('sh', [join(root, 'make-keys.sh')]).status).toBe(0);
    expect(spawnSync('sh', [join(root, 'make-keys.sh')], { encoding: 'utf8' })).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('exists: keeping it'),
    });
    const keys = Object.fromEntries(
      readFileSync(join(root, 'keys.env'), 'utf8')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(Object.keys(keys)).toEqual(['PII_KEY', 'JWT_SECRET', 'AUDIT_KEY', 'HANDOVER_ROOT_KEY']);
    // The image's storage directory, under the stand-in root, owned by the user as the image makes it.
    expect(isAbsolute(image.env.STORAGE_DIR ?? '')).toBe(true);
    expect(image.run.join('\n')).toMatch(new RegExp(`-o ${image.user} .*${image.env.STORAGE_DIR}`));
    const storage = join(root, image.env.STORAGE_DIR);
    mkdirSync(storage, { recursive: true, mode: 0o750 });
    if (AS_ROOT) chownSync(storage, 65534, 65534);
    // Read-only /app (the user may read and run it, never write it); the stand-in root is traversable.
    spawnSync('chmod', ['-R', 'a-w,a+rX', app]);
    for (let dir = dirname(storage); dir.startsWith(root); dir = dirname(dir)) chmodSync(dir, 0o755);
    chmodSync(root, 0o755);

    await dropDatabase(database);
    env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: '/nonexistent',
      ...image.env,
      ...keys,
      STORAGE_DIR: storage,
      DATABASE_URL: database,
      REDIS_URL: FAULT_ENV.REDIS_URL,
      QUEUE_PREFIX: `${FAULT_ENV.QUEUE_PREFIX}-container`,
      LOG_LEVEL: 'warn',
    };
    // As compose's `setup` service: migrations and catalogue, by the same user from the same folder.
    const setup = runAsUser(['dist/apps/cli/main.js', 'setup']);
    expect({ status: setup.status, stderr: setup.stderr }).toEqual({ status: 0, stderr: '' });
    say(`app ${app} read-only, storage ${storage}, as ${AS_ROOT ? 'nobody' : 'the tests’ own user'}`);
  });

  afterAll(async () => {
    await stack?.stop();
    await dropDatabase(database);
    spawnSync('chmod', ['-R', 'u+w', root]);
    rmSync(root, { recursive: true, force: true });
  });

  it('the app folder is read-only for the user, the storage folder writable', () => {
    const write = (path: string) =>
      runAsUser(['-e', `require('node:fs').writeFileSync(${JSON.stringify(path)}, 'x')`]).status;
    expect(write(join(app, 'probe'))).not.toBe(0);
    expect(write(join(app, 'dist', 'probe'))).not.toBe(0);
    expect(write(join(env.STORAGE_DIR, 'probe'))).toBe(0);
    rmSync(join(env.STORAGE_DIR, 'probe'));
  });

  it('an api whose STORAGE_DIR lies in the read-only app folder refuses to start, naming it', async () => {
    const { code, stdout, stderr } = await runToExit(
      'api',
      { STORAGE_DIR: 'var/uploads' },
      { launch: launchAsUser },
    );
    expect(code).not.toBe(0);
    expect(stdout + stderr).toContain(`STORAGE_DIR ${join(app, 'var/uploads')} cannot store uploaded scans`);
  });

  it('create-admin without a password on the command line, then the api: a scan upload answers 201 and is on disk', async () => {
    const adminPassword = 'container-admin-pass-01';
    const admin = runAsUser(['dist/apps/cli/main.js', 'create-admin', 'admin'], {
      NEW_ADMIN_PASSWORD: adminPassword,
    });
    expect(admin.stdout).toContain('admin admin created');

    stack = await startStack({ mode: 'processes', env, launch: launchAsUser, readyTimeoutMs: 60_000 });
    const base = stack.baseUrl;
    const { port } = new URL(base);
    // The compose health check, as the container runs it.
    const compose = parse(readFileSync(join(REPO, 'docker/compose.yaml'), 'utf8'));
    const [, ...check] = compose.services.api.healthcheck.test as string[];
    expect(check[0]).toBe('node');
    const healthcheck = runAsUser(
      check.slice(1).map((a) => a.replace('127.0.0.1:3000', `127.0.0.1:${port}`)),
    );
    expect(healthcheck.status).toBe(0);
    // The uploads volume is mounted at the image's STORAGE_DIR.
    expect(compose.services.api.volumes).toContain(`uploads:${image.env.STORAGE_DIR}`);

    const adminToken = await signIn(base, 'admin', adminPassword);
    const clerk = {
      username: 'clerk-w330902-c1',
      password: 'container-clerk-pass-01',
      role: 'clerk',
      windowCode: 'W330902',
    };
    const created = await fetch(`${base}/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(clerk),
    });
    expect(created.status).toBe(201);
    const token = await signIn(base, clerk.username, clerk.password);
    const received = await fetch(`${base}/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(notarisationApplication(7301)),
    });
    expect(received.status).toBe(201);
    const { id } = (await received.json()) as { id: string };

    const page = scanPage('container path');
    const scan = await uploadScan(base, token, id, '学历证书', page);
    expect(scan.status).toBe(201);
    const kept = join(env.STORAGE_DIR, id, `${scan.body.sha256}.png`);
    expect(existsSync(kept)).toBe(true);
    expect(readFileSync(kept).equals(page)).toBe(true);
    expect(statSync(kept).uid).toBe(AS_ROOT ? 65534 : process.getuid?.());
    say(`scan stored at ${kept} by the unprivileged api`);
  });
});
