import type { Pool } from 'pg';
import { CLERK, notarisationApplication, TEST_STAFF_PASSWORD } from './fixtures';
import type { Call } from './http';
import { countBy } from './row-counts';

/** A seeded or created staff account, by username (see http.ts). */
type Caller = { as: string };

/** The required materials of item `itemCode`'s checklist, as received: `{ name, form }`. */
export async function requiredMaterials(
  call: Call,
  itemCode: string,
): Promise<{ name: string; form: string }[]> {
  const item = (await call('GET', `/items/${itemCode}`)).body;
  return item.checklist
    .filter((m: { required: boolean }) => m.required)
    .map(({ name, form }: { name: string; form: string }) => ({ name, form }));
}

/**
 * 失业登记 (KS1-005, whose materials may travel as scans) for 安徽省合肥市 市人社局 (J340100-RSJ),
 * to be received at 普陀区 (W330903, by PUTUO_CLERK) with each required material, applicant `n`.
 */
export async function scanItemApplication(call: Call, n: number) {
  return {
    ...notarisationApplication(n),
    itemCode: 'KS1-005',
    windowCode: 'W330903',
    jurisdictionCode: 'J340100-RSJ',
    materials: await requiredMaterials(call, 'KS1-005'),
  };
}

/**
 * The window checks case `id`'s form (PASS_FORM_CHECK) and verifies the applicant's identity
 * (VERIFY_IDENTITY by `method`, passed); each answers 200 with the state it leads to.
 */
export async function verifyAtWindow(call: Call, caller: Caller, id: string, method = 'face'): Promise<void> {
  const steps = [
    [{ type: 'PASS_FORM_CHECK' }, 'formChecked'],
    [{ type: 'VERIFY_IDENTITY', method, passed: true }, 'identityVerified'],
  ] as const;
  for (const [event, state] of steps) {
    const res = await call('POST', `/applications/${id}/events`, { ...caller, body: event });
    expect({ status: res.status, state: res.body.state }).toEqual({ status: 200, state });
  }
}

/**
 * `count` more officer accounts of J310115-SFJ (notarisationApplication's home jurisdiction),
 * created by the seeded admin; their usernames.
 * @throws Error when an account cannot be created
 */
export async function moreOfficers(call: Call, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const username = `officer-j310115-sfj-${String(i + 1).padStart(2, '0')}`;
      const { status, body } = await call('POST', '/accounts', {
        as: 'admin',
        body: { username, password: TEST_STAFF_PASSWORD, role: 'officer', jurisdictionCode: 'J310115-SFJ' },
      });
      if (status !== 201) throw new Error(`creating ${username} answered ${status}: ${JSON.stringify(body)}`);
      return username;
    }),
  );
}

/**
 * Receives `count` cases through the api and brings each to identityVerified (ready to forward).
 * Applicant numbers start at `from` so every case has its own invented applicant.
 */
export async function verifiedCases(call: Call, count: number, from: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { status, body } = await call('POST', '/applications', {
        ...CLERK,
        body: notarisationApplication(from + i),
      });
      if (status !== 201) throw new Error(`receive answered ${status}: ${JSON.stringify(body)}`);
      await verifyAtWindow(call, CLERK, body.id);
      return body.id as string;
    }),
  );
}

/** Forwards each case by courier with its own waybill. */
export async function forwardAll(call: Call, ids: string[]): Promise<void> {
  await Promise.all(
    ids.map((id, i) =>
      call('POST', `/applications/${id}/events`, {
        ...CLERK,
        body: {
          type: 'FORWARD',
          channel: 'courier',
          waybillNumber: `SF8${String(Date.now()).slice(-7)}${i}`,
        },
      }),
    ),
  );
}

/** How many of the cases `ids` are in `state` now, read from the database. */
export async function countInState(db: Pool, ids: string[], state: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM applications WHERE id = ANY($1) AND state = $2',
    [ids, state],
  );
  return rows[0].n;
}

/** How many TRANSFER_DELIVERED audit rows each case of `ids` that has any holds (in no order). */
export async function deliveriesPerCase(db: Pool, ids: string[]): Promise<number[]> {
  const perCase = await countBy(
    db,
    `SELECT application_id AS k, count(*) AS n FROM case_events
      WHERE application_id = ANY($1) AND type = 'TRANSFER_DELIVERED' GROUP BY application_id`,
    [ids],
  );
  return [...perCase.values()];
}
