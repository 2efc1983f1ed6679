import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ClockSweep, type CaseStatistics } from '@app/cases';
import { beijingTime, loadConfig } from '@app/common';
import { withDataSource } from '@app/db';
import { clockStageLabel, partyLabel } from '@app/workflow';
import { withCaseService } from '../case-context';
import { demoAccountsSituation, demoSignInHelp } from '../banner';
import { freePort, startService, stopServices, waitUntilHealthy, type Service } from '../processes';
import { setupDatabase } from '../setup';
import { DEMO_CASES } from './demo-cases';
import { HttpClient } from './http-client';
import { ParcelDesk, type DemoParcel } from './parcel-desk';
import { writeDemoPapers } from './demo-papers';
import { runDemoCase, type DemoClock, type DemoOutcome } from './run-case';

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * `npm run demo`: sets up the database (DATABASE_URL) with the demo staff accounts, starts the built api and worker as child
 * processes, drives every DEMO_CASES case over HTTP through every step at once (papers by courier
 * travel in parcels the simulated carrier delivers and the officer checks in; two cases share one
 * parcel), prints each timeline with the carrier's legs and the shared parcel, stops both processes
 * and resolves. Transit times are shortened to seconds.
 * @throws Error when a case does not reach `resultDelivered`
 */
export async function runDemo(): Promise<void> {
  const config = loadConfig();
  if (process.env.NODE_ENV === 'production') {
    throw new Error('the demo resets the demo staff accounts: it does not run with NODE_ENV=production');
  }
  // The demo signs in as the seeded accounts; without DEMO_STAFF_PASSWORD they get a fresh one per run.
  const password = config.DEMO_STAFF_PASSWORD ?? randomBytes(18).toString('base64url');
  const setup = await setupDatabase(config.DATABASE_URL, {
    catalogue: true,
    demoStaffPassword: password,
    resetDemoAccounts: true,
    bcryptCost: config.BCRYPT_COST,
  });
  out(
    `database ready: ${setup.migrationsApplied} migrations applied, ${setup.catalogue?.items} catalogue items, ` +
      `${setup.demoAccounts} demo staff accounts reset` +
      (config.DEMO_STAFF_PASSWORD ? ' (password: DEMO_STAFF_PASSWORD)' : ' (password made for this run)'),
  );
  const port = await freePort();
  const env = {
    PORT: String(port),
    COURIER_TRANSIT_MS: process.env.COURIER_TRANSIT_MS ?? '3000',
    RESULT_MAIL_TRANSIT_MS: process.env.RESULT_MAIL_TRANSIT_MS ?? '2000',
    SCAN_TRANSIT_MS: process.env.SCAN_TRANSIT_MS ?? '300',
    COURIER_LOST_WAYBILL_PATTERN: '^LOST',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  const services: Service[] = [startService('api', env), startService('worker', env)];
  // The case the applicant is shown how to follow on the console (one left in review: still moving).
  let followed: DemoOutcome | undefined;
  try {
    const baseUrl = `http://127.0.0.1:${port}/api/v1`;
    await waitUntilHealthy(baseUrl, services);
    out(`api and worker running (api on port ${port}); driving ${DEMO_CASES.length} cases…`);
    const http = new HttpClient(baseUrl, password);
    const desk = new ParcelDesk(http, sharedParcels());
    const outcomes = await Promise.all(DEMO_CASES.map((demo) => runDemoCase(http, demo, desk)));
    outcomes.forEach(printOutcome);
    for (const parcel of await desk.checkedIn()) printParcel(parcel);
    await printPapers(http, outcomes, config.HANDOVER_ROOT_KEY);
    const inReview = outcomes.filter((o) => o.demo.leftInReview);
    out();
    out(`${outcomes.length - inReview.length} cases delivered, ${inReview.length} left in review.`);
    for (const o of inReview) await printWarning(http, o);
    await printSupervision(http);
    followed = inReview[0] ?? outcomes[0];
  } finally {
    await stopServices(services);
  }
  const { existing } = await withDataSource(config.DATABASE_URL, (ds) =>
    demoAccountsSituation(ds, undefined),
  );
  out();
  for (const line of demoSignInHelp(existing, password, config.PORT, followed)) out(line);
}

/** How many DEMO_CASES share each shared parcel, by its waybill script. */
function sharedParcels(): Map<string, number> {
  const members = new Map<string, number>();
  for (const { forward } of DEMO_CASES) {
    if (forward.channel === 'parcel') members.set(forward.parcel, (members.get(forward.parcel) ?? 0) + 1);
  }
  return members;
}

/** A parcel several cases shared: number, waybill, manifest digest, its cases and the carrier's legs. */
function printParcel({ parcel, lines, legs }: DemoParcel): void {
  out();
  out(
    `■ 包裹 ${parcel.parcelNumber}  ${parcel.fromCode} → ${parcel.toCode}, ${lines.length} cases, ${parcel.status}`,
  );
  out(`  运单 ${parcel.waybillNumber} (${parcel.carrier}), manifest SHA-256 ${parcel.manifestSha256}`);
  for (const line of lines) {
    out(`  ${line.caseNumber}: ${line.status}, originals ${line.originals.map((o) => o.name).join('、')}`);
  }
  for (const leg of legs) {
    out(
      `  ${beijingTime(new Date(leg.at))}  ${leg.status.padEnd(14)} ${leg.location}${leg.signedBy ? ` (signed: ${leg.signedBy})` : ''}`,
    );
  }
}

/**
 * Writes the papers the cases produced (documents, manifests, signed hand-over receipts, each
 * receipt verified) into `demo-papers/<run>` and prints where, with how to check a receipt.
 */
async function printPapers(http: HttpClient, outcomes: DemoOutcome[], rootKey: string): Promise<void> {
  const folder = join(process.cwd(), 'demo-papers', new Date().toISOString().replace(/[:.]/g, '-'));
  const written = await writeDemoPapers(http, outcomes, folder, { HANDOVER_ROOT_KEY: rootKey });
  out();
  out(
    `papers written to ${written.folder}: ${written.documents} documents (PDF), ${written.manifests} manifests, ` +
      `${written.receipts} signed hand-over receipts (each verified)`,
  );
  out(`  check one without the database: node dist/apps/cli/main.js verify-receipt ${folder}/<receipt>.json`);
}

/** What the supervisor of 舟山市 reads at the end: every Zhoushan window's cases, counts only. */
async function printSupervision(http: HttpClient): Promise<void> {
  const stats = await http.call<CaseStatistics>('GET', '/statistics', 'supervisor-330900');
  out();
  out(`督查 (supervisor-330900, 舟山市): ${stats.received} cases in its division, all time`);
  const nonZero = stats.byState.filter((s) => s.count > 0);
  out(`  by state: ${nonZero.map((s) => `${s.label} ${s.count}`).join(', ')}`);
  out(`  by window: ${stats.byWindow.map((w) => `${w.windowName} ${w.count}`).join(', ')}`);
  out(
    `  clocks overdue or warned: ${stats.clocks.late.total}; ` +
      `waiting for a redispatch now: ${stats.transferExceptions}; ` +
      `evaluations: ${stats.evaluations.total}`,
  );
}

/**
 * The warning of the decision clock of case `o` (left in review): the demo does not wait the working
 * days it takes, so it runs the clock sweep (ClockSweep, as the worker does every minute) as of the
 * warning's moment, then shows the clock warned and the e-mail the home jurisdiction gets.
 */
async function printWarning(http: HttpClient, o: DemoOutcome): Promise<void> {
  const decision = o.clocks.find((k) => k.stage === 'decision' && k.status === 'running');
  if (!decision?.warnAt) throw new Error(`case ${o.caseNumber} has no running decision clock`);
  const asOf = new Date(Date.parse(decision.warnAt) + 1000);
  out();
  out(`■ ${o.caseNumber} left in review: the sweep as it would run at ${beijingTime(asOf)} (not waited for)`);
  await withCaseService(ClockSweep, (sweep) => sweep.sweep(asOf));
  const officer = `officer-${o.demo.jurisdictionCode.toLowerCase()}`;
  const notices = await http.call<{ kind: string; recipient: string; text: string }[]>(
    'GET',
    `/notices?caseId=${o.id}`,
    officer,
  );
  const warning = notices.find((n) => n.kind === 'clockWarned');
  if (!warning) throw new Error(`no warning was recorded for case ${o.caseNumber}`);
  out(`  时限预警 to ${warning.recipient}: ${warning.text}`);
}

/** A clock as the demo prints it: stage, budget, due date (provisional or not) and how it ended. */
function clockLine(k: DemoClock): string {
  const due = k.dueDate ? `due ${k.dueDate}${k.provisional ? ' (provisional)' : ''}` : 'paused';
  const how =
    k.status === 'running'
      ? `running, ${k.workingDaysLeft} working days left`
      : `${k.status}${k.usedWorkingDays === null ? '' : `, ${k.usedWorkingDays} used`}`;
  return `${clockStageLabel(k.stage)} ${k.budgetWorkingDays} wd (${partyLabel(k.party)}): ${due}, ${how}`;
}

function printOutcome(o: DemoOutcome): void {
  out();
  out(`■ ${o.caseNumber}  ${o.demo.title}`);
  if (o.hopMs) out(`  transfer hop (FORWARD → in the home jurisdiction's inbox): ${o.hopMs} ms`);
  for (const t of o.timeline) {
    // A carrier leg moves no case: it has no state to show.
    const to = t.stateLabel ? ` → ${t.stateLabel}` : '';
    out(`  ${beijingTime(new Date(t.at))}  ${t.label.padEnd(10, '　')}${to}`);
  }
  for (const k of o.clocks) out(`  时限 ${clockLine(k)}`);
  const n = o.notice;
  if (n?.reason) out(`  ${n.title}: ${n.reason} (${n.legalBasis})`);
  else if (n?.result) out(`  ${n.title}: ${n.result.documentNumber}`);
}
