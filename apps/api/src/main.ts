import 'reflect-metadata';
import { AppConfig } from '@app/common';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp();
  await app.listen(app.get(AppConfig).PORT, '0.0.0.0');
}

main().catch((e: Error) => {
  // A refusal to start (a wrong PII_KEY, a bad setting) is one clear line, not a stack trace.
  process.stderr.write(`api not started: ${e.message}\n`);
  process.exit(1);
});
