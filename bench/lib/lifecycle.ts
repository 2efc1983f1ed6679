import { startCase, stepCase, type CaseEvent, type CaseState } from '@app/workflow';
import { BenchClient } from './http';
import { mobile, personName, residentId } from './people';
import { Recorder, runLanes } from './stats';

/** The item every bench case applies for: 失业登记, 普陀区 window → 合肥市 人社局, result online. */
export const BENCH_ITEM = { itemCode: 'KS1-005', windowCode: 'W330903', jurisdictionCode: 'J340100-RSJ' };

/** The seeded accounts of BENCH_ITEM's window and home jurisdiction, who drive every case. */
export const BENCH_STAFF = { clerk: 'clerk-w330903', officer: 'officer-j340100-rsj' };

/** The events a bench case gets after receipt, in order (payloads only as the machine's guards need them). */
const BENCH_EVENTS = [
  { type: 'PASS_FORM_CHECK' },
  { type: 'VERIFY_IDENTITY', method: 'bench', passed: true },
  { type: 'FORWARD', channel: 'courier', waybillNumber: 'bench' },
  { type: 'TRANSFER_DELIVERED', transferId: 'bench' },
  { type: 'CHECK_IN', parcelId: 'bench', transferId: 'bench', originals: [] },
  { type: 'ACCEPT' },
  { type: 'APPROVE', result: { documentType: 'bench', documentNumber: 'bench' } },
  { type: 'DISPATCH_RESULT', method: 'online' },
  { type: 'RESULT_DELIVERED', transferId: 'bench' },
] as const satisfies readonly CaseEvent[];
type BenchEventType = (typeof BENCH_EVENTS)[number]['type'];

/**
 * The states a bench case passes through, as the machine steps it (so the bench names no state):
 * `received` the state at receipt, `after` the state each bench event leads to.
 * @throws Error when the machine refuses a bench event (the bench's path no longer exists)
 */
function benchPath(): { received: CaseState; after: Record<BenchEventType, CaseState> } {
  const start = startCase({
    requiredMaterials: [],
    materialsHandedIn: [],
    originalsMustTravel: false,
    resultDeliveryMethods: ['online'],
  });
  let snapshot = start.snapshot;
  const after = {} as Record<BenchEventType, CaseState>;
  for (const event of BENCH_EVENTS) {
    const step = stepCase(snapshot, event);
    if (!step) throw new Error(`the case machine refuses the bench's ${event.type}`);
    after[event.type] = step.state;
    snapshot = step.snapshot;
  }
  return { received: start.state, after };
}

export const BENCH_PATH = benchPath();

/** The required checklist materials of the bench item, as POST /applications takes them. */
export type Materials = { name: string; form: string; pages: number }[];

/** Reads the item's checklist and checks that its result may go online. */
export async function benchMaterials(client: BenchClient): Promise<Materials> {
  const item = await client.call<{
    checklist: { name: string; form: string; required: boolean }[];
    resultDeliveryMethods: string[];
    handlingModes: string[];
  }>('GET /items/:code', 'GET', `/items/${BENCH_ITEM.itemCode}`);
  if (!item.resultDeliveryMethods.includes('online')) {
    throw new Error(`${BENCH_ITEM.itemCode} cannot deliver its result online`);
  }
  return item.checklist.filter((m) => m.required).map(({ name, form }) => ({ name, form, pages: 1 }));
}

/** How often a waiting lane asks whether the job has moved the case on, ms. */
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 20);
const WAIT_TIMEOUT_MS = 120_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one run of N cases measured on the client side. */
export interface LifecycleRun {
  ids: string[];
  completed: number;
  failed: number;
  errors: string[];
  wallSeconds: number;
  /**
   * FORWARD answered → the officer's check-in answered (the case awaiting acceptance), per case, ms
   * (client side: polling until the carrier delivered, then the officer's parcel read and check-in).
   */
  clientHopMs: number[];
  /** DISPATCH_RESULT answered → first GET showing the result delivered, per case, ms. */
  clientResultHopMs: number[];
  polls: number;
  recorder: Recorder;
}

/**
 * Drives `cases` cases through the whole lifecycle, `concurrency` at once, each lane on
 * `clients[lane % clients.length]` (so two apis share the load evenly): receive, form check,
 * identity, FORWARD by courier (a parcel of one, sealed at once; transit 0: a real parcel-tracking
 * job sees the carrier deliver it), wait until it awaits check-in, the officer checks the parcel in
 * against its manifest (every original received), ACCEPT, APPROVE, DISPATCH_RESULT online (a real
 * delivery job), wait until delivered.
 * Waiting polls GET /applications/:id (staff view). The applicant's GET /track is left out: it is
 * rate-limited per client address, and the bench is one address.
 * `runTag` keeps waybills unique across runs.
 */
export async function driveCases(
  clients: BenchClient[],
  recorder: Recorder,
  materials: Materials,
  cases: number,
  concurrency: number,
  runTag: number,
  firstPerson: number,
): Promise<LifecycleRun> {
  const run: LifecycleRun = {
    ids: [],
    completed: 0,
    failed: 0,
    errors: [],
    wallSeconds: 0,
    clientHopMs: [],
    clientResultHopMs: [],
    polls: 0,
    recorder,
  };
  const started = performance.now();
  await runLanes(cases, concurrency, async (index, lane) => {
    const client = clients[lane % clients.length];
    try {
      await oneCase(client, run, materials, runTag, firstPerson + index);
      run.completed++;
    } catch (e) {
      run.failed++;
      if (run.errors.length < 20) run.errors.push((e as Error).message.slice(0, 400));
    }
  });
  run.wallSeconds = (performance.now() - started) / 1000;
  return run;
}

async function oneCase(
  client: BenchClient,
  run: LifecycleRun,
  materials: Materials,
  runTag: number,
  person: number,
): Promise<void> {
  const { clerk, officer } = BENCH_STAFF;
  const receipt = await client.call<{ id: string; caseNumber: string; queryCode: string; state: string }>(
    'POST /applications',
    'POST',
    '/applications',
    clerk,
    {
      ...BENCH_ITEM,
      applicant: {
        name: personName(person),
        idType: 'resident_id',
        idNumber: residentId(person),
        phone: mobile(person),
      },
      materials,
    },
  );
  run.ids.push(receipt.id);
  const send = (actor: string, event: { type: string } & Record<string, unknown>) =>
    client.call<{ state: string }>(
      `POST /applications/:id/events ${event.type}`,
      'POST',
      `/applications/${receipt.id}/events`,
      actor,
      event,
    );
  // The window follows its case to the end; the home jurisdiction sees it only once it has arrived.
  const waitFor = async (state: CaseState): Promise<number> => {
    const from = performance.now();
    const deadline = Date.now() + WAIT_TIMEOUT_MS;
    for (;;) {
      await sleep(POLL_MS);
      run.polls++;
      const view = await client.call<{ state: string }>(
        'GET /applications/:id',
        'GET',
        `/applications/${receipt.id}`,
        clerk,
      );
      if (view.state === state) return performance.now() - from;
      if (Date.now() > deadline)
        throw new Error(`case ${receipt.id} stuck in ${view.state}, waiting for ${state}`);
    }
  };
  const expect = (answer: { state: string }, step: BenchEventType) => {
    const state = BENCH_PATH.after[step];
    if (answer.state !== state)
      throw new Error(`${step}: case ${receipt.id} is ${answer.state}, not ${state}`);
  };

  expect(await send(clerk, { type: 'PASS_FORM_CHECK' }), 'PASS_FORM_CHECK');
  expect(
    await send(clerk, { type: 'VERIFY_IDENTITY', method: 'id-card-reader+face', passed: true }),
    'VERIFY_IDENTITY',
  );
  const waybillNumber = `SF${runTag}${String(person).padStart(8, '0')}`;
  expect(await send(clerk, { type: 'FORWARD', channel: 'courier', waybillNumber }), 'FORWARD');
  const forwarded = performance.now();
  await waitFor(BENCH_PATH.after.TRANSFER_DELIVERED);
  await checkIn(client, officer, receipt.id);
  const arrived = await client.call<{ state: string }>(
    'GET /applications/:id',
    'GET',
    `/applications/${receipt.id}`,
    officer,
  );
  expect(arrived, 'CHECK_IN');
  run.clientHopMs.push(performance.now() - forwarded);
  expect(await send(officer, { type: 'ACCEPT' }), 'ACCEPT');
  expect(
    await send(officer, {
      type: 'APPROVE',
      result: {
        documentType: '失业登记证明',
        documentNumber: `HF-SYDJ-${runTag}-${String(person).padStart(8, '0')}`,
        eLicenceId: `EL-340100-SY-${String(person).padStart(8, '0')}`,
      },
    }),
    'APPROVE',
  );
  expect(await send(officer, { type: 'DISPATCH_RESULT', method: 'online' }), 'DISPATCH_RESULT');
  run.clientResultHopMs.push(await waitFor(BENCH_PATH.after.RESULT_DELIVERED));
}

/**
 * The officer checks in the parcel case `caseId` travels in (签收, POST /parcels/:id/check-in): the
 * sealed materials parcel the case view names, every travelling case of it with every original of
 * its manifest line received.
 * @throws Error when the case view names no sealed parcel; HttpError when a call is refused
 */
async function checkIn(client: BenchClient, officer: string, caseId: string): Promise<void> {
  const view = await client.call<{ parcels?: { parcelId: string; leg: string; line: { status: string } }[] }>(
    'GET /applications/:id',
    'GET',
    `/applications/${caseId}`,
    officer,
  );
  const parcel = view.parcels?.filter((p) => p.leg === 'materials' && p.line.status === 'sealed').at(-1);
  if (!parcel) throw new Error(`case ${caseId} travels in no sealed parcel`);
  const { lines } = await client.call<{
    lines: { caseId: string; status: string; originals: { name: string }[] }[];
  }>('GET /parcels/:id', 'GET', `/parcels/${parcel.parcelId}`, officer);
  const cases = lines
    .filter((line) => line.status === 'sealed')
    .map((line) => ({
      caseId: line.caseId,
      originals: line.originals.map((o) => ({ name: o.name, outcome: 'received' })),
    }));
  await client.call('POST /parcels/:id/check-in', 'POST', `/parcels/${parcel.parcelId}/check-in`, officer, {
    cases,
  });
}
