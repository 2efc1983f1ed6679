import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { requiredMaterials } from './support/cases';
import { applicant, scanPage } from './support/fixtures';
import { rowCounts } from './support/row-counts';
import { startStack, type InProcessStack } from './support/stack';
import { checkInCase } from './support/parcels';
import { eventually } from './support/waiting';
import { signIn, uploadScan } from './support/http';
import { TEST_STAFF_PASSWORD } from './support/test-env';

/**
 * The cross-scope matrix (DESIGN invariant 7): every kind of seeded account × a case received at
 * each of the five 舟山 windows, for home jurisdictions in 上海市浦东新区 and 江苏省南京市, × reading
 * and acting. A clerk sees and acts on its own window's cases only, an officer its own
 * jurisdiction's, a supervisor reads the cases whose window or jurisdiction lies in its GB/T 2260
 * division. Everything outside a scope answers exactly as an unknown case does (404), and lists
 * filtered outside a scope find nothing. An act the role may never send (any event of a
 * supervisor, a scan by an officer) is 403 for every case id alike. Admins see no case (403),
 * callers without a token nothing at all (401).
 *
 * First every refused request and every read, checked to have written nothing; then the acts a
 * scope allows, which must succeed.
 */

/** One case of the matrix: where it was received, whose it is, and how far it goes before the matrix. */
interface CaseSpec {
  window: string;
  jurisdiction: string;
  /** An item whose lead department is the jurisdiction's (学历公证: 市司法局, 失业登记: 市人社局 …). */
  item: string;
  /** How it is forwarded to arrive in the jurisdiction's inbox; null: left `received` at the window. */
  forward: 'courier' | 'scan' | null;
}

const SPECS: CaseSpec[] = [
  { window: 'W330900', jurisdiction: 'J310115-SFJ', item: 'KS1-001', forward: 'courier' },
  { window: 'W330902', jurisdiction: 'J310115-RSJ', item: 'KS1-005', forward: 'scan' },
  { window: 'W330903', jurisdiction: 'J320100-MZJ', item: 'KS2-010', forward: 'scan' },
  { window: 'W330921', jurisdiction: 'J320100-YBJ', item: 'KS1-048', forward: null },
  { window: 'W330922', jurisdiction: 'J310115-SFJ', item: 'KS1-001', forward: null },
];
/** Applicant numbers of this file (see fixtures.applicant): 1401 … 1405. */
const FIRST_APPLICANT = 1401;

const stateBefore = (s: CaseSpec) => (s.forward ? 'forwarded.awaitingAcceptance' : 'received');
const caseTitle = (s: CaseSpec) => `case of ${s.window} for ${s.jurisdiction} (${stateBefore(s)})`;

type Account =
  | { role: 'clerk'; username: string; window: string }
  | { role: 'officer'; username: string; jurisdiction: string }
  /** `prefix`: the codes the division covers, written out here rather than computed by the app's rule. */
  | { role: 'supervisor'; username: string; division: string; prefix: string }
  | { role: 'admin'; username: string }
  | { role: 'nobody'; username: null };

const ACCOUNTS: Account[] = [
  ...SPECS.map((s): Account => ({
    role: 'clerk',
    username: `clerk-${s.window.toLowerCase()}`,
    window: s.window,
  })),
  // Every jurisdiction used, and 合肥市 市司法局: the department of two cases, in another city.
  ...['J310115-SFJ', 'J310115-RSJ', 'J320100-MZJ', 'J320100-YBJ', 'J340100-SFJ'].map((j): Account => ({
    role: 'officer',
    username: `officer-${j.toLowerCase()}`,
    jurisdiction: j,
  })),
  ...(
    [
      ['330900', '3309'], // 舟山市: every window of the matrix
      ['330902', '330902'], // 定海区: itself only
      ['330921', '330921'], // 岱山县
      ['310115', '310115'], // 上海市浦东新区: by home jurisdiction
      ['320100', '3201'], // 江苏省南京市
      ['340100', '3401'], // 安徽省合肥市: no case of the matrix
    ] as const
  ).map(([division, prefix]): Account => ({
    role: 'supervisor',
    username: `supervisor-${division}`,
    division,
    prefix,
  })),
  { role: 'admin', username: 'admin' },
  { role: 'nobody', username: null },
];
const accountTitle = (a: Account) => (a.username ? `${a.role} ${a.username}` : 'no token');

const windowDivision = (window: string) => window.slice(1);
const jurisdictionDivision = (jurisdiction: string) => jurisdiction.slice(1, 7);

/**
 * Whether `a` may see case `s`, by the rule of its role (an admin and nobody see none). The home
 * jurisdiction's side sees a case only once it has arrived there (forwarded and delivered).
 */
function sees(a: Account, s: CaseSpec): boolean {
  const arrived = s.forward !== null;
  switch (a.role) {
    case 'clerk':
      return s.window === a.window;
    case 'officer':
      return s.jurisdiction === a.jurisdiction && arrived;
    case 'supervisor':
      return (
        windowDivision(s.window).startsWith(a.prefix) ||
        (jurisdictionDivision(s.jurisdiction).startsWith(a.prefix) && arrived)
      );
    default:
      return false;
  }
}

/** What one request of the matrix is: reads of the case, a list by its case number, an act on it. */
type Op =
  | 'GET /applications/:id'
  | 'GET /applications/:id/history'
  | 'GET /applications/:id/history/verify'
  | 'GET /applications?caseNumber='
  | 'GET /notices?caseId='
  | 'POST events PASS_FORM_CHECK'
  | 'POST events WITHDRAW'
  | 'POST events ACCEPT'
  | 'POST /applications/:id/scans';

const READS: Op[] = [
  'GET /applications/:id',
  'GET /applications/:id/history',
  'GET /applications/:id/history/verify',
  'GET /applications?caseNumber=',
  'GET /notices?caseId=',
];
/** The acts each role tries: its own events (and a scan); a supervisor one event of each side. */
const ACTS: Record<Account['role'], Op[]> = {
  clerk: ['POST events PASS_FORM_CHECK', 'POST events WITHDRAW', 'POST /applications/:id/scans'],
  officer: ['POST events ACCEPT', 'POST /applications/:id/scans'],
  supervisor: ['POST events ACCEPT', 'POST events WITHDRAW', 'POST /applications/:id/scans'],
  admin: ['POST events WITHDRAW', 'POST /applications/:id/scans'],
  nobody: ['POST events WITHDRAW', 'POST /applications/:id/scans'],
};

/** An answer as the matrix compares it: a status, or `total n` for a list. */
type Outcome = number | string;

/**
 * The acts a role may send at all. An act outside its role is refused with the same 403 for every
 * case id, in scope, out of scope or unknown, so the refusal tells nothing about the case
 * (CaseService.apply and ScanService.upload check the role before the scope).
 */
const ROLE_MAY: Record<Account['role'], Op[]> = {
  clerk: ['POST events PASS_FORM_CHECK', 'POST events WITHDRAW', 'POST /applications/:id/scans'],
  officer: ['POST events ACCEPT'],
  supervisor: [],
  admin: [],
  nobody: [],
};

/** What `a` must get for `op` on case `s` in its state before the matrix. */
function expected(a: Account, s: CaseSpec, op: Op): Outcome {
  if (a.role === 'nobody') return 401;
  if (a.role === 'admin') return 403; // admins see no case at all
  const inScope = sees(a, s);
  if (op === 'GET /applications?caseNumber=') return `total ${inScope ? 1 : 0}`;
  if (op.startsWith('GET')) return inScope ? 200 : 404;
  if (!ROLE_MAY[a.role].includes(op)) return 403;
  if (!inScope) return 404;
  const atWindow = s.forward === null;
  switch (op) {
    case 'POST events PASS_FORM_CHECK':
      return atWindow ? 200 : 409;
    case 'POST events WITHDRAW':
      return 200;
    case 'POST /applications/:id/scans':
      return atWindow ? 201 : 409; // while the window still holds the papers
    default:
      return 200; // ACCEPT: an officer sees only cases that are in the inbox
  }
}
const succeeds = (outcome: Outcome) => outcome === 200 || outcome === 201;
/**
 * What `a` tries on case `s` in the refusal phase: every read (a read writes nothing, whatever it
 * answers) and every act its scope refuses; the acts it allows wait for the second phase.
 */
const refusalPhaseOps = (a: Account, s: CaseSpec): Op[] => [
  ...READS,
  ...ACTS[a.role].filter((op) => !succeeds(expected(a, s, op))),
];

/**
 * Lists filtered by windows and jurisdictions outside `a`'s scope: they must find nothing (a
 * filter is no way around the scope). Only filters where nothing can match: other suites' cases
 * share the database, and a supervisor rightly sees a window outside its division through a
 * jurisdiction inside it, so a supervisor's filters name both a window and a jurisdiction outside.
 */
function outsideLists(a: Account): string[] {
  const windows = SPECS.map((s) => s.window);
  const jurisdictions = [...new Set(SPECS.map((s) => s.jurisdiction)), 'J340100-SFJ'];
  switch (a.role) {
    case 'clerk':
      return windows.filter((w) => w !== a.window).map((w) => `/applications?window=${w}`);
    case 'officer':
      return jurisdictions
        .filter((j) => j !== a.jurisdiction)
        .flatMap((j) => [`/inbox?jurisdiction=${j}`, `/applications?jurisdiction=${j}`]);
    case 'supervisor':
      return windows
        .filter((w) => !windowDivision(w).startsWith(a.prefix))
        .flatMap((w) =>
          jurisdictions
            .filter((j) => !jurisdictionDivision(j).startsWith(a.prefix))
            .map((j) => `/applications?window=${w}&jurisdiction=${j}`),
        );
    default:
      return ['/applications?window=W330902', '/inbox?jurisdiction=J310115-SFJ'];
  }
}

/** Every request of the refusal phase: each account × (each case + an unknown one) × its ops, and its lists. */
const REFUSAL_PHASE_REQUESTS = ACCOUNTS.reduce(
  (n, a) =>
    n +
    SPECS.reduce((m, s) => m + refusalPhaseOps(a, s).length, 0) +
    READS.length +
    ACTS[a.role].length +
    outsideLists(a).length,
  0,
);

/** The one answer to an unknown case, and so to a case out of scope. */
const NOT_FOUND = { statusCode: 404, error: 'Not Found', message: 'case not found' };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('who sees and acts on which case (the cross-scope matrix)', () => {
  let api: InProcessStack;
  let base: string;
  /** Each spec's case, by index in SPECS. */
  const cases: { id: string; caseNumber: string }[] = [];

  const tokens = new Map<string, Promise<string>>();
  const authorization = async (username: string | null): Promise<Record<string, string>> => {
    if (!username) return {};
    if (!tokens.has(username)) tokens.set(username, signIn(base, username, TEST_STAFF_PASSWORD));
    return { authorization: `Bearer ${await tokens.get(username)!}` };
  };
  const call = async (username: string | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(await authorization(username)),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const upload = async (username: string | null, id: string) => {
    const form = new FormData();
    form.append('material', '申请人居民身份证');
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'id-card.pdf');
    const res = await fetch(`${base}/applications/${id}/scans`, {
      method: 'POST',
      headers: await authorization(username),
      body: form,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  /**
   * Sends `op` for case `id` (number `caseNumber`) as `username` and reduces the answer to what the
   * matrix compares: the status when the body is what that status promises (the case itself for a
   * read, the one not-found answer for a 404, …), else the status with the body, so a failure shows it.
   */
  const attempt = async (
    username: string | null,
    op: Op,
    id: string,
    caseNumber: string,
  ): Promise<Outcome> => {
    const res = await (async () => {
      switch (op) {
        case 'GET /applications/:id':
          return call(username, 'GET', `/applications/${id}`);
        case 'GET /applications/:id/history':
          return call(username, 'GET', `/applications/${id}/history`);
        case 'GET /applications/:id/history/verify':
          return call(username, 'GET', `/applications/${id}/history/verify`);
        case 'GET /applications?caseNumber=':
          return call(username, 'GET', `/applications?caseNumber=${caseNumber}`);
        case 'GET /notices?caseId=':
          return call(username, 'GET', `/notices?caseId=${id}`);
        case 'POST events PASS_FORM_CHECK':
          return call(username, 'POST', `/applications/${id}/events`, { type: 'PASS_FORM_CHECK' });
        case 'POST events WITHDRAW':
          return call(username, 'POST', `/applications/${id}/events`, {
            type: 'WITHDRAW',
            reason: '申请人撤回',
          });
        case 'POST events ACCEPT':
          return call(username, 'POST', `/applications/${id}/events`, { type: 'ACCEPT' });
        case 'POST /applications/:id/scans':
          return upload(username, id);
      }
    })();
    const { status, body } = res;
    const as = (fits: boolean): Outcome => (fits ? status : `${status} ${JSON.stringify(body)}`);
    if (status === 404) return as(isDeepStrictEqual(body, NOT_FOUND));
    if (status === 401) return as(body?.details?.[0]?.field === 'Authorization');
    if (status !== 200) return as(true);
    switch (op) {
      case 'GET /applications/:id':
        return as(body.id === id);
      case 'GET /applications/:id/history':
        return as(Array.isArray(body) && body.length > 0 && body.every((e: any) => e.applicationId === id));
      case 'GET /applications/:id/history/verify':
        return as(body.applicationId === id && body.verdict?.intact === true);
      case 'GET /notices?caseId=':
        // Every case was received: its applicant's notice of receipt is there at least.
        return as(Array.isArray(body) && body.some((n: any) => n.caseId === id && n.kind === 'received'));
      case 'GET /applications?caseNumber=':
        return body.total === 0 || (body.total === 1 && body.cases[0].id === id)
          ? `total ${body.total}`
          : as(false);
      default:
        return as(body.id === id);
    }
  };

  /** Requests sent in the refusal phase, so its last test knows the whole matrix ran before it. */
  let sent = 0;

  /** Row counts of the case tables and every case's state and version: what a refusal must leave. */
  const written = async () => {
    const [{ fingerprint }] = await api.dataSource.query(
      `SELECT md5(coalesce(string_agg(id || ':' || state || ':' || version, ',' ORDER BY id), '')) AS fingerprint
         FROM applications`,
    );
    return { rows: await rowCounts(api.dataSource), cases: fingerprint as string };
  };

  beforeAll(async () => {
    api = await startStack();
    base = api.baseUrl;
    const send = async (username: string, id: string, event: object, state: string) => {
      const res = await call(username, 'POST', `/applications/${id}/events`, event);
      expect({ status: res.status, state: res.body.state }).toEqual({ status: 200, state });
    };
    for (const [i, s] of SPECS.entries()) {
      const clerk = `clerk-${s.window.toLowerCase()}`;
      const materials = await requiredMaterials(api.call, s.item);
      // No windowCode: a clerk receives at their own window.
      const received = await call(clerk, 'POST', '/applications', {
        itemCode: s.item,
        jurisdictionCode: s.jurisdiction,
        applicant: applicant(FIRST_APPLICANT + i),
        materials,
      });
      expect({ status: received.status, state: received.body.state }).toEqual({
        status: 201,
        state: 'received',
      });
      cases[i] = { id: received.body.id, caseNumber: received.body.caseNumber };
      const { id } = cases[i];
      expect((await call(clerk, 'GET', `/applications/${id}`)).body).toMatchObject({ windowCode: s.window });
      if (!s.forward) continue;
      await send(clerk, id, { type: 'PASS_FORM_CHECK' }, 'formChecked');
      await send(
        clerk,
        id,
        { type: 'VERIFY_IDENTITY', method: 'id-card-reader+face', passed: true },
        'identityVerified',
      );
      if (s.forward === 'scan') {
        const token = (await authorization(clerk)).authorization.slice('Bearer '.length);
        // Every material handed in travels as a scan.
        for (const { name } of materials) {
          const page = scanPage(`matrix ${i} ${name}`);
          expect((await uploadScan(base, token, id, name, page)).status).toBe(201);
        }
      }
      const forward =
        s.forward === 'courier'
          ? { type: 'FORWARD', channel: 'courier', waybillNumber: `SF${1400000000 + i}` }
          : { type: 'FORWARD', channel: 'scan' };
      await send(clerk, id, forward, s.forward === 'courier' ? 'forwarded.inParcel' : 'forwarded.inTransit');
      // Papers by courier arrive when the home jurisdiction's officer checks their parcel in (签收).
      if (s.forward === 'courier')
        await checkInCase(api.call, { as: `officer-${s.jurisdiction.toLowerCase()}` }, id);
    }
    // The worker delivers the scans, then stops: without it no deadline job can deem
    // a case accepted while the matrix runs (their jobs find the cases withdrawn at the end).
    await api.withWorker(async () => {
      for (const [i, s] of SPECS.entries()) {
        if (!s.forward) continue;
        const clerk = `clerk-${s.window.toLowerCase()}`;
        await eventually(
          async () => (await call(clerk, 'GET', `/applications/${cases[i].id}`)).body.state,
          (state) => state === 'forwarded.awaitingAcceptance',
          { what: `case ${cases[i].caseNumber} in the inbox` },
        );
      }
    });
    // Still in the inbox: the matrix's expectations assume no deadline job got there first.
    const states = await Promise.all(
      SPECS.map(
        async (s, i) =>
          (await call(`clerk-${s.window.toLowerCase()}`, 'GET', `/applications/${cases[i].id}`)).body.state,
      ),
    );
    expect(states).toEqual(SPECS.map(stateBefore));
  });
  afterAll(() => api.stop());

  describe('refused requests and reads: each answer by scope, and nothing written', () => {
    let before: Awaited<ReturnType<typeof written>>;
    beforeAll(async () => {
      before = await written();
    });

    describe.each(ACCOUNTS.map((a) => ({ account: a, title: accountTitle(a) })))('$title', ({ account }) => {
      it.each(SPECS.map((spec, i) => ({ spec, i, title: caseTitle(spec) })))(
        '× $title',
        async ({ spec, i }) => {
          const { id, caseNumber } = cases[i];
          const ops = refusalPhaseOps(account, spec);
          const seen: Record<string, Outcome> = {};
          for (const op of ops) {
            seen[op] = await attempt(account.username, op, id, caseNumber);
            sent++;
          }
          expect(seen).toEqual(Object.fromEntries(ops.map((op) => [op, expected(account, spec, op)])));
        },
      );

      it('× an unknown case: the same answers as a case out of scope', async () => {
        const outOfScope: CaseSpec = {
          window: 'W999999',
          jurisdiction: 'J999999-XXJ',
          item: 'KS1-001',
          forward: null,
        };
        const ops = [...READS, ...ACTS[account.role]];
        const seen: Record<string, Outcome> = {};
        for (const op of ops) {
          seen[op] = await attempt(account.username, op, randomUUID(), '330902-20260101-999999');
          sent++;
        }
        expect(seen).toEqual(Object.fromEntries(ops.map((op) => [op, expected(account, outOfScope, op)])));
      });

      const outside = outsideLists(account);
      const listed = account.role === 'admin' ? 403 : account.role === 'nobody' ? 401 : 'total 0';
      if (outside.length > 0) {
        it(`× lists filtered outside the scope → ${listed}`, async () => {
          const seen: Record<string, Outcome> = {};
          for (const path of outside) {
            const res = await call(account.username, 'GET', path);
            sent++;
            seen[path] = res.status === 200 ? `total ${res.body.total}` : res.status;
          }
          expect(seen).toEqual(Object.fromEntries(outside.map((path) => [path, listed])));
        });
      }
    });

    it('wrote nothing: row counts of every case table, and every case’s state and version', async () => {
      expect({ requests: sent, written: await written() }).toEqual({
        requests: REFUSAL_PHASE_REQUESTS,
        written: before,
      });
    });
  });

  /** The acts each scope allows, in an order the machine takes them: accepts, form checks, scans, withdrawals. */
  describe('acts within the scope succeed', () => {
    const order: Op[] = [
      'POST events ACCEPT',
      'POST events PASS_FORM_CHECK',
      'POST /applications/:id/scans',
      'POST events WITHDRAW',
    ];
    const acts = order.flatMap((op) =>
      ACCOUNTS.flatMap((account) =>
        SPECS.flatMap((spec, i) =>
          ACTS[account.role].includes(op) && succeeds(expected(account, spec, op))
            ? [
                {
                  account,
                  spec,
                  i,
                  op,
                  status: expected(account, spec, op),
                  title: `${accountTitle(account)} × ${caseTitle(spec)}: ${op}`,
                },
              ]
            : [],
        ),
      ),
    );
    let before: Awaited<ReturnType<typeof written>>;
    beforeAll(async () => {
      before = await written();
    });

    it.each(acts)('$title → $status', async ({ account, i, op, status }) => {
      const { id, caseNumber } = cases[i];
      expect(await attempt(account.username, op, id, caseNumber)).toBe(status);
      if (op.startsWith('POST events')) {
        const history = (await call(account.username, 'GET', `/applications/${id}/history`)).body;
        expect(history.at(-1)).toMatchObject({
          type: op.slice('POST events '.length),
          actorId: account.username,
        });
      }
    });

    it('wrote one history row per act and one scan per upload, and every case ended withdrawn', async () => {
      const scans = acts.filter((a) => a.op === 'POST /applications/:id/scans').length;
      const after = await written();
      // An upload is a row of the case's history too (SCAN_UPLOADED, issue 11 item 6).
      expect(after.rows).toMatchObject({
        applications: before.rows.applications,
        case_events: before.rows.case_events + acts.length,
        scans: before.rows.scans + scans,
      });
      for (const [i, s] of SPECS.entries()) {
        const view = (await call(`clerk-${s.window.toLowerCase()}`, 'GET', `/applications/${cases[i].id}`))
          .body;
        expect({ case: caseTitle(s), state: view.state }).toEqual({ case: caseTitle(s), state: 'withdrawn' });
      }
    });
  });
});
