import { stateHasTag, statesTagged } from '@app/workflow';
import type { DemoCase } from './demo-cases';
import type { HttpClient } from './http-client';
import { checkInParcel, type ParcelDesk } from './parcel-desk';

/** A clock of a case as the staff view shows it (ClockView). */
export interface DemoClock {
  id: string;
  stage: string;
  party: string;
  status: string;
  budgetWorkingDays: number;
  dueDate: string | null;
  dueAt: string | null;
  provisional: boolean;
  usedWorkingDays: number | null;
  workingDaysLeft: number | null;
  warnAt: string | null;
  warnedAt: string | null;
}

/** What the demo prints for a case once it is delivered (or, left in review, accepted). */
export interface DemoOutcome {
  demo: DemoCase;
  id: string;
  caseNumber: string;
  /** The receipt's query code (the applicant's key to tracking and documents). */
  queryCode: string;
  /** The clerk of the window that received it. */
  clerk: string;
  state: string;
  /** Its clocks, from receipt on: each stage's due date and how it ended. */
  clocks: DemoClock[];
  timeline: { label: string; stateLabel: string; at: string }[];
  /** The notice the applicant sees at the end (a refusal's reason and legal basis, or the result). */
  notice: { title: string; reason?: string; legalBasis?: string; result?: { documentNumber: string } } | null;
  hopMs: number;
}

/** A one-page PDF standing in for the scanner's output of a material (invented content). */
const scannedPage = (text: string) =>
  Buffer.from(
    `%PDF-1.4\n% ${Buffer.from(text).toString('hex')}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`,
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` every 100 ms until `done`, failing after `timeoutMs`. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Drives one case over HTTP through every step, as the people at each end would: the clerk
 * receives with the item's required materials, checks form and identity and forwards (redispatching
 * a lost parcel; a shared parcel is packed and sealed at `desk`); papers by courier wait at the home
 * jurisdiction's door until the carrier delivered their parcel and the officer checked it in against
 * its manifest; the officer then finds the case in the inbox, asks for supplements when the script
 * says so, then accepts and approves, or refuses, and dispatches; the applicant tracks it with the
 * receipt until the result or the refusal notice is delivered.
 * @throws Error when any step answers otherwise than a real system must
 */
export async function runDemoCase(http: HttpClient, demo: DemoCase, desk: ParcelDesk): Promise<DemoOutcome> {
  // The demo accounts `setup` seeds: one clerk per window, one officer per home jurisdiction.
  const clerk = `clerk-${demo.windowCode.toLowerCase()}`;
  const officer = `officer-${demo.jurisdictionCode.toLowerCase()}`;

  const item = await http.call<{ checklist: { name: string; form: string; required: boolean }[] }>(
    'GET',
    `/items/${demo.itemCode}`,
  );
  const materials = item.checklist
    .filter((m) => m.required)
    .map(({ name, form }) => ({ name, form, pages: 1 }));
  const receipt = await http.call<{ id: string; caseNumber: string; queryCode: string }>(
    'POST',
    '/applications',
    clerk,
    {
      itemCode: demo.itemCode,
      windowCode: demo.windowCode,
      jurisdictionCode: demo.jurisdictionCode,
      applicant: demo.applicant,
      materials,
    },
  );
  const send = (actor: string, event: object) =>
    http.call<{ state: string }>('POST', `/applications/${receipt.id}/events`, actor, event);
  const track = () => http.call<DemoOutcome>('GET', `/track/${receipt.caseNumber}?code=${receipt.queryCode}`);
  /** The window watches the case in its own view; the applicant looks once at the end (tracking is rate-limited). */
  const stateOf = () => http.call<{ state: string }>('GET', `/applications/${receipt.id}`, clerk);
  /** The officer's inbox of cases awaiting acceptance (the one state tagged acceptancePending). */
  const [awaitingAcceptance] = statesTagged('acceptancePending');
  const inbox = () =>
    http
      .call<{ cases: { id: string }[] }>(
        'GET',
        `/inbox?jurisdiction=${demo.jurisdictionCode}&state=${awaitingAcceptance}&pageSize=200`,
        officer,
      )
      .then((page) => page.cases);

  /**
   * A waybill for this case's parcel `round`: the script's carrier letters, the case number's
   * digits and the round, so no two parcels share one, in this run or an earlier one (waybill_in_use).
   */
  const waybill = (script: string, round: number) =>
    `${script.replace(/\d+$/, '')}${receipt.caseNumber.replace(/\D/g, '')}${round}`;
  /** Every material handed in so far (at receipt and with each supplement): what a scan transfer sends. */
  const handedIn = materials.map((m) => m.name);
  /**
   * FORWARD (or REDISPATCH) on the case's channel: courier parcels get a fresh waybill each time; by
   * scan, the window scans each material (a page already scanned answers the kept scan) and
   * forwards every scan uploaded for the case.
   */
  const transfer = async (type: 'FORWARD' | 'REDISPATCH', round: number) => {
    if (demo.forward.channel === 'parcel')
      throw new Error(`case ${receipt.caseNumber} goes by its shared parcel's seal`);
    if (demo.forward.channel === 'courier') {
      return send(clerk, {
        type,
        channel: 'courier',
        waybillNumber: waybill(demo.forward.waybillNumber, round),
      });
    }
    for (const name of handedIn) {
      await http.uploadScan(clerk, receipt.id, name, scannedPage(`${receipt.caseNumber} ${name}`));
    }
    return send(clerk, { type, channel: 'scan' });
  };
  /** The state of a case whose parcel the carrier delivered, until the officer checks it in. */
  const [awaitingCheckIn] = statesTagged('inParcel').filter((st) => stateHasTag(st, 'inInbox'));
  /**
   * The carrier delivers the case's own parcel (a courier FORWARD or REDISPATCH: a parcel of one);
   * the officer checks it in against its manifest (签收), every original received.
   */
  const checkedIn = async () => {
    await until(stateOf, (c) => c.state === awaitingCheckIn, 'the carrier to deliver the parcel');
    const { parcels } = await http.call<{
      parcels: { parcelId: string; leg: string; line: { status: string } }[];
    }>('GET', `/applications/${receipt.id}`, officer);
    const parcel = parcels.filter((p) => p.leg === 'materials' && p.line.status === 'sealed').at(-1);
    if (!parcel) throw new Error(`case ${receipt.caseNumber} awaits check-in in no sealed parcel`);
    await checkInParcel(http, officer, parcel.parcelId);
  };
  let hopMs = 0;
  /** Forwards (by its shared parcel's seal, or by itself) and waits until the case is in the home jurisdiction's inbox. */
  const forwardUntilArrived = async (round: number) => {
    const forwardedAt = Date.now();
    if (demo.forward.channel === 'parcel') {
      await desk.pack(demo.forward.parcel, receipt.id, clerk, demo.jurisdictionCode);
      await desk.checkIn(demo.forward.parcel, officer);
    } else {
      await transfer('FORWARD', round);
      if (demo.forward.channel === 'courier') await checkedIn();
    }
    await until(inbox, (cases) => cases.some((c) => c.id === receipt.id), 'the case to reach the inbox');
    hopMs = Date.now() - forwardedAt;
  };

  await send(clerk, { type: 'PASS_FORM_CHECK' });
  await send(clerk, { type: 'VERIFY_IDENTITY', method: 'id-card-reader+face', passed: true });
  if (demo.lostFirstParcel) {
    await send(clerk, {
      type: 'FORWARD',
      channel: 'courier',
      waybillNumber: waybill('LOST', 0),
    });
    await until(
      stateOf,
      (c) => stateHasTag(c.state, 'transferFailed'),
      'the courier to report the parcel lost',
    );
    await transfer('REDISPATCH', 1);
    await checkedIn();
    await until(inbox, (cases) => cases.some((c) => c.id === receipt.id), 'the redispatched case to arrive');
  } else {
    await forwardUntilArrived(1);
  }
  for (let round = 1; round <= (demo.supplementRounds ?? 0); round++) {
    const items = [`补正材料${round}`];
    await send(officer, { type: 'REQUEST_SUPPLEMENT', items, note: '请一次性补齐以下材料后由收件窗口转递' });
    await send(clerk, {
      type: 'SUPPLEMENT_RECEIVED',
      materials: items.map((name) => ({ name, form: 'copy' })),
    });
    handedIn.push(...items);
    await forwardUntilArrived(round + 1);
  }
  if ('approve' in demo.decision) {
    await send(officer, { type: 'ACCEPT' });
    if (!demo.leftInReview) await send(officer, { type: 'APPROVE', result: demo.decision.approve });
  } else {
    await send(officer, { type: 'REFUSE', ...demo.decision.refuse });
  }
  if (!demo.leftInReview) {
    await send(officer, {
      type: 'DISPATCH_RESULT',
      ...(demo.delivery.method === 'mail'
        ? { method: 'mail', waybillNumber: waybill(demo.delivery.waybillNumber, 9) }
        : demo.delivery),
    });
    await until(stateOf, (c) => stateHasTag(c.state, 'evaluationOpen'), 'the result to be delivered');
  }
  const { state, timeline, notice } = await track();
  const { clocks } = await http.call<{ clocks: DemoClock[] }>('GET', `/applications/${receipt.id}`, clerk);
  return {
    demo,
    id: receipt.id,
    caseNumber: receipt.caseNumber,
    queryCode: receipt.queryCode,
    clerk,
    state,
    clocks,
    timeline,
    notice,
    hopMs,
  };
}
