import type { DataSource } from 'typeorm';
import { demoAccounts, StaffAccountRepository, verifyPassword } from '@app/accounts';
import { CatalogueRepository } from '@app/catalogue';
import type { AppConfig } from '@app/common';
import type { StaffRole } from '@app/db';

/** Where the api serves its OpenAPI page and the document behind it (SwaggerModule.setup('docs')). */
const DOCS_PATH = '/docs';
const DOCS_JSON_PATH = '/docs-json';

/** The demo accounts present in the database, as `start` and `demo` report them. */
export interface DemoAccountsSituation {
  /** Demo usernames that exist (active or not), by role, in the order demoAccounts lists them. */
  existing: { username: string; role: StaffRole; active: boolean }[];
  /** How many of them take DEMO_STAFF_PASSWORD now; null when it is unset (nothing to compare). */
  withDemoPassword: number | null;
  /** Staff accounts of any kind (an admin made with create-admin counts). */
  totalAccounts: number;
}

/**
 * Which demo accounts exist and whether their password is DEMO_STAFF_PASSWORD (`demoPassword`):
 * one bcrypt check per distinct hash (accounts seeded together share one hash).
 */
export async function demoAccountsSituation(
  dataSource: DataSource,
  demoPassword: string | undefined,
): Promise<DemoAccountsSituation> {
  const catalogue = new CatalogueRepository(dataSource.manager);
  const expected = demoAccounts(await catalogue.windows(), await catalogue.jurisdictions());
  const rows = await new StaffAccountRepository(dataSource.manager).list();
  const byName = new Map(rows.map((r) => [r.username, r]));
  const present = expected.flatMap((a) => byName.get(a.username) ?? []);
  let withDemoPassword: number | null = null;
  if (demoPassword) {
    const hashes = [...new Set(present.map((a) => a.passwordHash))];
    const takes = new Set<string>();
    for (const hash of hashes) if (await verifyPassword(demoPassword, hash)) takes.add(hash);
    withDemoPassword = present.filter((a) => takes.has(a.passwordHash)).length;
  }
  return {
    existing: present.map(({ username, role, active }) => ({ username, role, active })),
    withDemoPassword,
    totalAccounts: rows.length,
  };
}

/** `url` without user name and password (`postgres://127.0.0.1:5432/proxy_acceptance`). */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** One username per role from `accounts` (the first of each), e.g. `clerk-w330902`. */
function onePerRole(accounts: { username: string; role: StaffRole }[]): string[] {
  const first = new Map<StaffRole, string>();
  for (const a of accounts) if (!first.has(a.role)) first.set(a.role, a.username);
  return [...first].map(([role, username]) => `${role} ${username}`);
}

/** `text` as one single-quoted shell word. */
const shellQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A curl command that signs `username` in with `password` at the api on `apiUrl` (…/api/v1). */
export function signInCurl(apiUrl: string, username: string, password: string): string {
  return (
    `curl -s -X POST ${apiUrl}/auth/token -H 'content-type: application/json' ` +
    `-d ${shellQuoted(JSON.stringify({ username, password }))}`
  );
}

/** What each staff role is called at the counter and in the back office, as the console names it. */
const ROLE_ROOMS: Readonly<Record<StaffRole, string>> = {
  clerk: '收件窗口 (window clerk)',
  officer: '业务属地部门 (home-jurisdiction officer)',
  supervisor: '督查 (supervisor)',
  admin: '系统管理 (admin)',
};

/** A case the applicant may open on the console: its number and the receipt's query code. */
export interface ApplicantSignIn {
  caseNumber: string;
  queryCode: string;
}

/**
 * How to sign in after the demo: the console's address (`npm start` serves it on `port`, beside the
 * api), a username per staff role with the password the demo set, the applicant's page with a
 * demo case's number and query code (`applicant`, when given), and a curl line for the JSON api.
 */
export function demoSignInHelp(
  accounts: { username: string; role: StaffRole }[],
  password: string,
  port: number,
  applicant?: ApplicantSignIn,
): string[] {
  const base = `http://127.0.0.1:${port}`;
  const first = new Map<StaffRole, string>();
  for (const a of accounts) if (!first.has(a.role)) first.set(a.role, a.username);
  const clerk = first.get('clerk') ?? 'admin';
  return [
    `console (after \`npm start\`): ${base}/console — staff sign in at ${base}/console/sign-in, every demo ` +
      'account with this password until an admin changes it:',
    ...[...first].map(([role, username]) => `  ${ROLE_ROOMS[role].padEnd(12)} ${username}`),
    `  password: ${password}`,
    '  (all accounts: clerk-<window>, officer-<jurisdiction>, lead-<jurisdiction> (科室负责人), supervisor-<division>, admin)',
    ...(applicant
      ? [
          `  申请人 (applicant, on a phone): ${base}/console/track?caseNumber=${applicant.caseNumber} ` +
            `with query code ${applicant.queryCode}`,
        ]
      : []),
    `  accounts: ${onePerRole(accounts).join(', ')}`,
    `  JSON api: ${signInCurl(`${base}/api/v1`, clerk, password)}`,
  ];
}

/**
 * What `npm start` started, in lines: the api and its OpenAPI page and document, the database
 * (without credentials), Redis and the queue prefix, and the accounts: which demo accounts exist
 * and how their password was set, or that there are none and how to make an admin.
 */
export function startBanner(
  config: Pick<AppConfig, 'PORT' | 'DATABASE_URL' | 'REDIS_URL' | 'QUEUE_PREFIX' | 'DEMO_STAFF_PASSWORD'>,
  accounts: DemoAccountsSituation,
): string[] {
  const base = `http://127.0.0.1:${config.PORT}`;
  const lines = [
    `api:      ${base}/api/v1`,
    `OpenAPI:  ${base}${DOCS_PATH} (document: ${base}${DOCS_JSON_PATH})`,
    `console:  ${base}/console (staff sign in at ${base}/console/sign-in; applicants at ${base}/console/track)`,
    `database: ${withoutCredentials(config.DATABASE_URL)}`,
    `queues:   ${withoutCredentials(config.REDIS_URL)} prefix ${config.QUEUE_PREFIX}`,
  ];
  const { existing, withDemoPassword, totalAccounts } = accounts;
  if (existing.length === 0) {
    lines.push(
      totalAccounts === 0
        ? 'accounts: none. Create an admin: NEW_ADMIN_PASSWORD=… node dist/apps/cli/main.js create-admin <username> ' +
            '(or set DEMO_STAFF_PASSWORD to create the demo accounts)'
        : `accounts: ${totalAccounts} (no demo accounts); an admin manages them at ${base}/api/v1/accounts`,
    );
    return lines;
  }
  const inactive = existing.filter((a) => !a.active).length;
  lines.push(
    `accounts: ${existing.length} demo accounts (${onePerRole(existing).join(', ')}, …)` +
      (inactive ? `, ${inactive} deactivated` : ''),
  );
  if (withDemoPassword === null) {
    lines.push(
      '          left as they were: their password is the one the last `npm run demo` printed, or one an admin set ' +
        '(DEMO_STAFF_PASSWORD is unset)',
    );
  } else {
    const other = existing.length - withDemoPassword;
    lines.push(
      `          ${withDemoPassword} sign in with DEMO_STAFF_PASSWORD` +
        (other ? `; ${other} have a password an admin or an earlier demo run set (left as they were)` : ''),
    );
  }
  lines.push(`          e.g. ${signInCurl(`${base}/api/v1`, existing[0].username, '<password>')}`);
  return lines;
}
