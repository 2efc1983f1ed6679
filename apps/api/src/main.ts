import 'reflect-metadata';
import { AppConfig } from '@app/common';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp();
  await app.listen(app.get(AppConfig).PORT, '0.0.0.0');
}

void main();
