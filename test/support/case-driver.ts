import { verifyAtWindow } from './cases';
import { CLERK, nextWaybill, notarisationApplication, OFFICER } from './fixtures';
import type { Call } from './http';
import { checkInCase } from './parcels';
import { eventually } from './waiting';

/** A case as its receipt names it. */
export interface ReceivedCase {
  id: string;
  caseNumber: string;
  queryCode: string;
}

/**
 * Which cases a driver receives and who handles them: `application(n)` the body received for
 * applicant `n`, received and forwarded by `clerk` (its window's), accepted by `officer` (its home
 * jurisdiction's).
 */
export interface CaseRoute {
  application: (n: number) => object | Promise<object>;
  clerk: { as: string };
  officer: { as: string };
}

/** 学历公证 (KS1-001) at 定海区 (CLERK) for 上海市浦东新区 市司法局 (OFFICER): the default route. */
const NOTARISATION: CaseRoute = { application: notarisationApplication, clerk: CLERK, officer: OFFICER };

/**
 * Drives cases through the api as the window's clerk and the home jurisdiction's officer do (CLERK
 * and OFFICER unless `route` names others), each step checked: received with every material, form
 * and identity checked, forwarded by courier, its parcel checked in by the officer, accepted. Applicants are invented
 * (`notarisationApplication` unless `route` gives another item's), numbered from `firstApplicant`.
 */
export function caseDriver(call: Call, firstApplicant: number, route: CaseRoute = NOTARISATION) {
  let n = firstApplicant;
  const { clerk, officer } = route;
  const send = async (c: ReceivedCase, actor: object, event: object, status = 200) => {
    const res = await call('POST', `/applications/${c.id}/events`, { ...actor, body: event });
    if (res.status !== status) {
      throw new Error(`${JSON.stringify(event)} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.body;
  };
  const view = async (c: ReceivedCase, actor: object = clerk) =>
    (await call('GET', `/applications/${c.id}`, actor)).body;
  const reach = (c: ReceivedCase, state: string) =>
    eventually(
      async () => (await view(c)).state as string,
      (s) => s === state,
      { what: `case ${c.caseNumber} in ${state}` },
    );
  const verified = async (): Promise<ReceivedCase> => {
    const res = await call('POST', '/applications', { ...clerk, body: await route.application(++n) });
    if (res.status !== 201) throw new Error(`receive answered ${res.status}: ${JSON.stringify(res.body)}`);
    await verifyAtWindow(call, clerk, res.body.id);
    return res.body;
  };
  /** Forwarded by courier in a parcel of its own, checked in by the officer (签收): awaiting acceptance. */
  const arrived = async (c?: ReceivedCase): Promise<ReceivedCase> => {
    const kase = c ?? (await verified());
    await send(kase, clerk, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() });
    await checkInCase(call, officer, kase.id);
    await reach(kase, 'forwarded.awaitingAcceptance');
    return kase;
  };
  const accepted = async (): Promise<ReceivedCase> => {
    const c = await arrived();
    await send(c, officer, { type: 'ACCEPT' });
    return c;
  };
  const history = async (c: ReceivedCase) =>
    (await call<any[]>('GET', `/applications/${c.id}/history`, clerk)).body;
  const verify = async (c: ReceivedCase) =>
    (await call('GET', `/applications/${c.id}/history/verify`, clerk)).body;
  return { send, view, reach, verified, arrived, accepted, history, verify };
}
