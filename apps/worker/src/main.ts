import 'reflect-metadata';
import { createWorkerApp } from './bootstrap';

createWorkerApp().catch((e: Error) => {
  // A refusal to start (a wrong PII_KEY, a bad setting) is one clear line, not a stack trace.
  process.stderr.write(`worker not started: ${e.message}\n`);
  process.exit(1);
});
