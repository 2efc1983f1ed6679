import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CASE_MACHINE_VERSION, caseMachine, renderMachinePage } from '@app/workflow';

/** Writes docs/case-machine.md from the machine (`npm run diagram`). */
const target = resolve(__dirname, '../../../docs/case-machine.md');
writeFileSync(target, renderMachinePage(caseMachine, CASE_MACHINE_VERSION));
process.stdout.write(`wrote ${target}\n`);
