import { createHash } from 'node:crypto';
import type { DemoCase } from './demo-cases';
import type { DemoActor, HttpClient } from './http-client';

/** What the demo prints for a case once it is delivered. */
export interface DemoOutcome {
  demo: DemoCase;
  caseNumber: string;
  state: string;
  timeline: { label: string; stateLabel: string; at: string }[];
  hopMs: number;
}

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
 * Drives one case over HTTP through every step of the spine, as the people at each end would:
 * the clerk receives with the item's required materials, checks form and identity and forwards;
 * the officer waits for it in the inbox, accepts, approves and dispatches; the applicant tracks it
 * with the receipt until the result is delivered.
 * @throws Error when any step answers otherwise than a real system must
 */
export async function runDemoCase(http: HttpClient, demo: DemoCase): Promise<DemoOutcome> {
  const clerk: DemoActor = { role: 'clerk', id: `clerk-${demo.windowCode.toLowerCase()}-01` };
  const officer: DemoActor = { role: 'officer', id: `officer-${demo.jurisdictionCode.toLowerCase()}-01` };

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
  const send = (actor: DemoActor, event: object) =>
    http.call<{ state: string }>('POST', `/applications/${receipt.id}/events`, actor, event);

  await send(clerk, { type: 'PASS_FORM_CHECK' });
  await send(clerk, { type: 'VERIFY_IDENTITY', method: 'id-card-reader+face', passed: true });
  const forward =
    demo.forward.channel === 'scan'
      ? {
          channel: 'scan',
          scanDigests: materials.map((m) =>
            createHash('sha256').update(`${receipt.caseNumber}/${m.name}`).digest('hex'),
          ),
        }
      : demo.forward;
  const forwardedAt = Date.now();
  await send(clerk, { type: 'FORWARD', ...forward });

  const inbox = () =>
    http.call<{ id: string }[]>('GET', `/inbox?jurisdiction=${demo.jurisdictionCode}`, officer);
  await until(inbox, (cases) => cases.some((c) => c.id === receipt.id), 'the case to reach the inbox');
  const hopMs = Date.now() - forwardedAt;

  await send(officer, { type: 'ACCEPT' });
  await send(officer, { type: 'APPROVE', result: demo.result });
  await send(officer, { type: 'DISPATCH_RESULT', ...demo.delivery });

  const track = () =>
    http.call<DemoOutcome & { state: string }>(
      'GET',
      `/track/${receipt.caseNumber}?code=${receipt.queryCode}`,
    );
  const tracked = await until(track, (t) => t.state === 'resultDelivered', 'the result to be delivered');
  return {
    demo,
    caseNumber: receipt.caseNumber,
    state: tracked.state,
    timeline: tracked.timeline,
    hopMs,
  };
}
