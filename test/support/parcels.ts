import type { Pool } from 'pg';
import type { Call } from './http';

type Caller = { as: string };
import { eventually } from './waiting';

/** A parcel line as the api answers it. */
export interface ParcelLine {
  caseId: string;
  caseNumber: string;
  status: string;
  transferId: string | null;
  originals: { name: string; pages: number | null; form: string; outcome?: string; note?: string }[];
}

/** What the officer found of one original, by name: received unless named here. */
export type Findings = Record<string, 'missing' | 'damaged'>;

/** Parcel `parcelId` as `caller` sees it (answered 200), with its lines and legs. */
export async function parcelOf(call: Call, caller: Caller, parcelId: string) {
  const res = await call('GET', `/parcels/${parcelId}`, caller);
  if (res.status !== 200) throw new Error(`GET parcel answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { parcel: Record<string, any>; lines: ParcelLine[]; legs: Record<string, any>[] };
}

/**
 * Checks parcel `parcelId` in as `officer` (签收): every travelling case, every original received
 * unless `findings` (by case id) says it was missing or damaged. Answers the api's response.
 */
export async function checkIn(
  call: Call,
  officer: Caller,
  parcelId: string,
  findings: Record<string, Findings> = {},
) {
  const { lines } = await parcelOf(call, officer, parcelId);
  const cases = lines
    .filter((line) => line.status === 'sealed')
    .map((line) => ({
      caseId: line.caseId,
      originals: line.originals.map((o) => ({
        name: o.name,
        outcome: findings[line.caseId]?.[o.name] ?? 'received',
      })),
    }));
  return call('POST', `/parcels/${parcelId}/check-in`, { ...officer, body: { cases } });
}

/** The id of the parcel case `caseId` last travelled in by courier (materials leg), once it is sealed. */
export async function travellingParcelOf(call: Call, caller: Caller, caseId: string): Promise<string> {
  const parcels = await eventually(
    async () => (await call('GET', `/applications/${caseId}`, caller)).body.parcels as any[] | undefined,
    (p) => Boolean(p?.some((x) => x.leg === 'materials' && x.line.status === 'sealed')),
    { what: `a sealed parcel carrying case ${caseId}` },
  );
  return parcels!.filter((x) => x.leg === 'materials' && x.line.status === 'sealed').at(-1).parcelId;
}

/**
 * Brings case `caseId`, forwarded by courier, into the home jurisdiction's inbox as an officer does:
 * checks its parcel in with every original received (answered 200).
 */
export async function checkInCase(call: Call, officer: Caller, caseId: string): Promise<void> {
  const parcelId = await travellingParcelOf(call, officer, caseId);
  const res = await checkIn(call, officer, parcelId);
  if (res.status !== 200) throw new Error(`check-in answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/**
 * Checks in, as `officer`, the parcel each case of `ids` (forwarded by courier, one parcel each)
 * travels in, all at once, every original received: the cases then await acceptance.
 * @throws Error when a parcel does not show up sealed or a check-in does not answer 200
 */
export async function checkInCases(call: Call, officer: Caller, ids: readonly string[]): Promise<void> {
  await Promise.all(ids.map((id) => checkInCase(call, officer, id)));
}

/** How many of the parcels carrying the cases `ids` (materials leg) are `status` now, read from the database. */
export async function parcelsCarrying(db: Pool, ids: readonly string[], status: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(DISTINCT p.id)::int AS n FROM parcels p JOIN parcel_items i ON i.parcel_id = p.id
      WHERE i.application_id = ANY($1) AND p.leg = 'materials' AND p.status = $2`,
    [ids, status],
  );
  return rows[0].n;
}
