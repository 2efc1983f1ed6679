import { verifyAtWindow } from './cases';
import { CLERK, nextWaybill, notarisationApplication, OFFICER } from './fixtures';
import type { Call } from './http';
import { eventually } from './waiting';

/** A case as its receipt names it. */
export interface ReceivedCase {
  id: string;
  caseNumber: string;
  queryCode: string;
}

/**
 * Drives cases through the api as the window's clerk (CLERK) and the home jurisdiction's officer
 * (OFFICER) do, each step checked: received with every material, form and identity checked,
 * forwarded by courier, arrived, accepted. Applicants are invented (`notarisationApplication`),
 * numbered from `firstApplicant`.
 */
export function caseDriver(call: Call, firstApplicant: number) {
  let n = firstApplicant;
  const send = async (c: ReceivedCase, actor: object, event: object, status = 200) => {
    const res = await call('POST', `/applications/${c.id}/events`, { ...actor, body: event });
    if (res.status !== status) {
      throw new Error(`${JSON.stringify(event)} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.body;
  };
  const view = async (c: ReceivedCase, actor: object = CLERK) =>
    (await call('GET', `/applications/${c.id}`, actor)).body;
  const reach = (c: ReceivedCase, state: string) =>
    eventually(
      async () => (await view(c)).state as string,
      (s) => s === state,
      { what: `case ${c.caseNumber} in ${state}` },
    );
  const verified = async (): Promise<ReceivedCase> => {
    const res = await call('POST', '/applications', { ...CLERK, body: notarisationApplication(++n) });
    if (res.status !== 201) throw new Error(`receive answered ${res.status}: ${JSON.stringify(res.body)}`);
    await verifyAtWindow(call, CLERK, res.body.id);
    return res.body;
  };
  const arrived = async (c?: ReceivedCase): Promise<ReceivedCase> => {
    const kase = c ?? (await verified());
    await send(kase, CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() });
    await reach(kase, 'forwarded.awaitingAcceptance');
    return kase;
  };
  const accepted = async (): Promise<ReceivedCase> => {
    const c = await arrived();
    await send(c, OFFICER, { type: 'ACCEPT' });
    return c;
  };
  const history = async (c: ReceivedCase) =>
    (await call<any[]>('GET', `/applications/${c.id}/history`, CLERK)).body;
  const verify = async (c: ReceivedCase) =>
    (await call('GET', `/applications/${c.id}/history/verify`, CLERK)).body;
  return { send, view, reach, verified, arrived, accepted, history, verify };
}
