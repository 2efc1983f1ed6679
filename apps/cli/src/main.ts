import 'reflect-metadata';
import { loadConfig, NotFound, type AppConfig } from '@app/common';
import { withDataSource } from '@app/db';
import { demoAccountsSituation, startBanner } from './banner';
import { calendarYearCommand, dueDateCommand } from './calendar';
import { createAdmin } from './create-admin';
import { runDemo } from './demo/demo';
import { rotatePiiKeyCommand } from './rotate-pii-key';
import { exportReceiptTrust, rotateSigningKeyCommand, UsageError, verifyReceiptCommand } from './receipts';
import { startService, stopServices, waitUntilHealthy } from './processes';
import { setupDatabase, type SetupOptions } from './setup';
import { verifyHistory } from './verify-history';

const USAGE = `usage: node dist/apps/cli/main.js <command>
  setup    create the database if missing, run migrations, load the catalogue and, with
           DEMO_STAFF_PASSWORD set, the demo staff accounts (idempotent)
  migrate  run pending migrations only
  start    setup, then run the api and the worker until SIGINT/SIGTERM
  demo     setup (resetting the demo staff accounts), start api and worker, drive real cases
           through every step, print timelines
  create-admin <username>  create an admin account, password from NEW_ADMIN_PASSWORD
  verify-history [case id or number]  verify the tamper-evident audit chain of one case or all;
           exit 1 if one is broken, 2 if no case has that id or number
  rotate-pii-key [--abandon-query-codes]  re-encrypt all personal data under PII_KEY (older keys in
           PII_PREVIOUS_KEYS), then retire the older keys that no receipt's query code still needs
           (with the flag: retire them anyway; those receipts stop opening tracking)
  calendar-year --year <YYYY> --file <json>  store a year's official holidays and adjusted working
           days from the State Council's notice ({ holidays, adjustedWorkingDays, source })
  verify-receipt <file> [--trust <file>]  verify an exported hand-over receipt without the database,
           against the root public key in the trust file (else HANDOVER_ROOT_KEY's); exit 0 intact,
           1 changed, wrongly signed or not certified by the root (the line says why), 2 usage
  export-receipt-trust  print the root public key (PEM): the trust file of verify-receipt
  rotate-signing-key window|jurisdiction <code>  retire the party's hand-over signing key, make a
           new one (receipts signed with the old one keep verifying)
  due-date --from <ISO 8601 instant> --working-days <n>  print the due date (YYYY-MM-DD, then
           "provisional" when a year without official data was used)`;

/** Runs api and worker until a signal arrives or one of them exits. */
async function start(): Promise<void> {
  const config = loadConfig();
  const services = [startService('api', {}), startService('worker', {})];
  await waitUntilHealthy(`http://127.0.0.1:${config.PORT}/api/v1`, services);
  const accounts = await withDataSource(config.DATABASE_URL, (ds) =>
    demoAccountsSituation(ds, config.DEMO_STAFF_PASSWORD),
  );
  process.stdout.write(`api and worker running\n${startBanner(config, accounts).join('\n')}\n`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
    for (const s of services) s.child.once('exit', () => resolve());
  });
  await stopServices(services);
}

/** What `setup` and `start` load: the catalogue and, when DEMO_STAFF_PASSWORD is set, the demo accounts. */
function setupOptions(catalogue: boolean, config: AppConfig): SetupOptions {
  return { catalogue, demoStaffPassword: config.DEMO_STAFF_PASSWORD, bcryptCost: config.BCRYPT_COST };
}

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  switch (command) {
    case 'setup':
    case 'migrate': {
      const result = await setupDatabase(config.DATABASE_URL, setupOptions(command === 'setup', config));
      process.stdout.write(`migrations: ${result.migrationsApplied} applied\n`);
      if (result.catalogue) {
        const c = result.catalogue;
        process.stdout.write(
          `catalogue: ${c.items} items, ${c.windows} windows, ${c.jurisdictions} jurisdictions\n`,
        );
        process.stdout.write(
          result.demoAccounts === null
            ? 'demo staff accounts: none (set DEMO_STAFF_PASSWORD to create them)\n'
            : `demo staff accounts: ${result.demoAccounts} (password from DEMO_STAFF_PASSWORD)\n`,
        );
      }
      return;
    }
    case 'start':
      await setupDatabase(config.DATABASE_URL, setupOptions(true, config));
      return start();
    case 'demo':
      return runDemo();
    case 'create-admin':
      process.stdout.write(`admin ${await createAdmin(config, process.argv[3])} created\n`);
      return;
    case 'verify-history':
      try {
        if ((await verifyHistory(config.DATABASE_URL, process.argv[3])) > 0) process.exitCode = 1;
      } catch (e) {
        if (!(e instanceof NotFound)) throw e;
        process.stderr.write(`no case has the id or case number ${process.argv[3]}\n`);
        process.exitCode = 2;
      }
      return;
    case 'rotate-pii-key':
      if (process.argv[3] !== undefined && process.argv[3] !== '--abandon-query-codes')
        throw new Error(USAGE);
      await rotatePiiKeyCommand(config, { abandonQueryCodes: process.argv[3] !== undefined });
      return;
    case 'calendar-year':
      return calendarYearCommand(process.argv.slice(3));
    case 'verify-receipt': {
      const check = verifyReceiptCommand(process.argv.slice(3), config);
      process.stdout.write(`${check.line}\n`);
      process.exitCode = check.code;
      return;
    }
    case 'export-receipt-trust':
      process.stdout.write(exportReceiptTrust(config));
      return;
    case 'rotate-signing-key': {
      const { retiredKeyId, key } = await rotateSigningKeyCommand(config, process.argv.slice(3));
      process.stdout.write(
        `${key.party.kind} ${key.party.code}: key ${key.keyId} valid from ${key.validFrom}` +
          `${retiredKeyId ? `, key ${retiredKeyId} retired` : ''}\n`,
      );
      return;
    }
    case 'due-date':
      await dueDateCommand(process.argv.slice(3));
      return;
    default:
      throw new Error(USAGE);
  }
}

main(process.argv[2]).then(
  () => process.exit(process.exitCode ?? 0),
  (e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
