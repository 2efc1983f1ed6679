import { loadConfig } from '@app/common';
import { demoAccountsSituation, demoSignInHelp, startBanner } from '../apps/cli/src/banner';
import { CLERK, OFFICER, SUPERVISOR, notarisationApplication } from './support/fixtures';
import { checkInCase } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
import { TEST_STAFF_PASSWORD } from './support/test-env';
import { eventually } from './support/waiting';

/**
 * The first hour of a new user, against the real api (PostgreSQL, Redis, worker): what `npm start`
 * and the demo print, a case addressed by the number on its paper receipt, and every time shown
 * to a person in Beijing time.
 */

/** An instant as people in China read it: ISO 8601 with +08:00, never Z. */
const BEIJING = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;
/** A day as a person writes it. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('the first hour', () => {
  let api: InProcessStack;
  let base: string;
  let receipt: { id: string; caseNumber: string; queryCode: string };

  beforeAll(async () => {
    api = await startStack();
    base = api.baseUrl;
    const res = await api.call('POST', '/applications', { ...CLERK, body: notarisationApplication(710) });
    expect(res.status).toBe(201);
    receipt = res.body;
  });
  afterAll(() => api.stop());

  describe('what npm start and the demo print', () => {
    it('npm start names the api, OpenAPI page and document, database without credentials, queue prefix and the demo accounts', async () => {
      const config = { ...loadConfig(), PORT: 3000 };
      const accounts = await demoAccountsSituation(api.dataSource, TEST_STAFF_PASSWORD);
      const withSecret = { ...config, DATABASE_URL: 'postgres://pa:s3cret-pw@db.internal:5432/pa_prod' };
      const text = startBanner(withSecret, accounts).join('\n');
      expect(text).toContain('api:      http://127.0.0.1:3000/api/v1');
      expect(text).toContain(
        'OpenAPI:  http://127.0.0.1:3000/docs (document: http://127.0.0.1:3000/docs-json)',
      );
      expect(text).toContain(
        'console:  http://127.0.0.1:3000/console (staff sign in at http://127.0.0.1:3000/console/sign-in',
      );
      expect(text).toContain('database: postgres://db.internal:5432/pa_prod');
      expect(text).not.toMatch(/s3cret|pa:/);
      expect(text).toContain(`prefix ${config.QUEUE_PREFIX}`);
      expect(text).toMatch(
        /accounts: \d+ demo accounts \(clerk clerk-w\d{6}, officer officer-j\d{6}-[a-z]+, supervisor supervisor-\d{6}, admin admin, …\)/,
      );
      expect(text).toMatch(/\n {10}\d+ sign in with DEMO_STAFF_PASSWORD/);
    });

    it('the documents it names are served there', async () => {
      const origin = base.replace(/\/api\/v1$/, '');
      expect((await fetch(`${origin}/docs-json`)).status).toBe(200);
      expect((await fetch(`${origin}/docs`)).status).toBe(200);
    });

    it('npm start says so when there are no accounts, and how to create an admin', () => {
      const text = startBanner(loadConfig(), { existing: [], withDemoPassword: null, totalAccounts: 0 }).join(
        '\n',
      );
      expect(text).toContain(
        'accounts: none. Create an admin: NEW_ADMIN_PASSWORD=… node dist/apps/cli/main.js create-admin',
      );
    });

    it('without DEMO_STAFF_PASSWORD, npm start says the demo accounts were left as they were', async () => {
      const accounts = await demoAccountsSituation(api.dataSource, undefined);
      expect(startBanner(loadConfig(), accounts).join('\n')).toContain('left as they were');
    });

    it("the demo prints the console, a username per role, its password, the applicant's case and a curl line, all of which sign in", async () => {
      const { existing } = await demoAccountsSituation(api.dataSource, undefined);
      const port = Number(new URL(base).port);
      const applicant = { caseNumber: receipt.caseNumber, queryCode: receipt.queryCode };
      const lines = demoSignInHelp(existing, TEST_STAFF_PASSWORD, port, applicant);
      const text = lines.join('\n');
      expect(text).toContain(`password: ${TEST_STAFF_PASSWORD}`);
      expect(text).toMatch(
        /clerk clerk-w\d{6}, officer officer-j.*, supervisor supervisor-\d{6}, admin admin/,
      );
      expect(text).toMatch(
        /收件窗口.*clerk-w\d{6}\n.*业务属地部门.*officer-j\S+\n.*督查.*supervisor-\d{6}\n.*系统管理.*admin/,
      );

      // The console's sign-in page printed takes the printed clerk and password.
      const signInUrl = /staff sign in at (\S+),/.exec(text)![1];
      const clerk = /收件窗口.*? (clerk-w\d{6})/.exec(text)![1];
      const form = await fetch(signInUrl);
      const cookie = form.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
      const signedIn = await fetch(signInUrl, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: csrf, username: clerk, password: TEST_STAFF_PASSWORD }).toString(),
      });
      expect({ status: signedIn.status, to: signedIn.headers.get('location') }).toEqual({
        status: 303,
        to: '/console/staff',
      });
      // The applicant's line opens the case's query form with the case number filled in.
      const track = /申请人.*: (\S+) with query code (\d{6})/.exec(text)!;
      expect(track[2]).toBe(receipt.queryCode);
      await expect((await fetch(track[1])).text()).resolves.toContain(`value="${receipt.caseNumber}"`);

      const curl = lines.find((l) => l.includes('curl'))!;
      const [, url, body] = /curl -s -X POST (\S+) -H 'content-type: application\/json' -d '(.*)'$/.exec(
        curl.trim().replace(/^JSON api: /, ''),
      )!;
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect({
        status: res.status,
        token: ((await res.json()) as { accessToken?: string }).accessToken,
      }).toEqual({
        status: 200,
        token: expect.any(String),
      });
    });
  });

  describe('staff address a case by its case number (the number on the paper receipt)', () => {
    it('views, history, verify, events and scans take the case number as they take the id', async () => {
      const n = receipt.caseNumber;
      const view = await api.call('GET', `/applications/${n}`, CLERK);
      expect({ status: view.status, id: view.body.id, caseNumber: view.body.caseNumber }).toEqual({
        status: 200,
        id: receipt.id,
        caseNumber: n,
      });
      const history = await api.call('GET', `/applications/${n}/history`, CLERK);
      expect({ status: history.status, types: history.body.map((e: { type: string }) => e.type) }).toEqual({
        status: 200,
        types: ['RECEIVE'],
      });
      const verify = await api.call('GET', `/applications/${n}/history/verify`, CLERK);
      expect({
        status: verify.status,
        id: verify.body.applicationId,
        intact: verify.body.verdict?.intact,
      }).toEqual({
        status: 200,
        id: receipt.id,
        intact: true,
      });
      const form = new FormData();
      form.append('material', '申请人居民身份证');
      form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'id-card.pdf');
      const token = (
        await api.call('POST', '/auth/token', {
          body: { username: CLERK.as, password: TEST_STAFF_PASSWORD },
        })
      ).body.accessToken;
      const scan = await fetch(`${base}/applications/${n}/scans`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      expect(scan.status).toBe(201);
      const event = await api.call('POST', `/applications/${n}/events`, {
        ...CLERK,
        body: { type: 'PASS_FORM_CHECK' },
      });
      expect({ status: event.status, state: event.body.state }).toEqual({
        status: 200,
        state: 'formChecked',
      });
      expect((await api.call('GET', `/applications/${receipt.id}`, CLERK)).body.state).toBe('formChecked');
    });
  });

  describe('times shown to people are Beijing time', () => {
    it('the tracking view: received at and on, timeline and the notice', async () => {
      const other = await api.call('POST', '/applications', { ...CLERK, body: notarisationApplication(711) });
      const failed = await api.call('POST', `/applications/${other.body.id}/events`, {
        ...CLERK,
        body: { type: 'FAIL_FORM_CHECK', missing: ['学历证书'] },
      });
      expect(failed.status).toBe(200);
      const track = await api.call('GET', `/track/${other.body.caseNumber}?code=${other.body.queryCode}`);
      expect(track.status).toBe(200);
      expect(track.body.receivedAt).toMatch(BEIJING);
      expect(track.body.receivedOn).toMatch(DAY);
      expect(track.body.receivedAt.slice(0, 10)).toBe(track.body.receivedOn);
      expect(track.body.caseNumber).toContain(track.body.receivedOn.replace(/-/g, ''));
      for (const t of track.body.timeline) expect(t.at).toMatch(BEIJING);
      // The receipt's time and the timeline's first step are one moment, not two clocks.
      expect(track.body.timeline[0].at).toBe(track.body.receivedAt);
      expect(track.body.notice).toEqual(
        expect.objectContaining({ kind: 'correction', issuedOn: expect.stringMatching(DAY) }),
      );
    });

    it('staff views: case, history, lists, inbox and statistics', async () => {
      const view = (await api.call('GET', `/applications/${receipt.id}`, CLERK)).body;
      for (const at of [
        view.createdAt,
        view.updatedAt,
        ...view.materials.map((m: { receivedAt: string }) => m.receivedAt),
      ]) {
        expect(at).toMatch(BEIJING);
      }
      const history = (await api.call('GET', `/applications/${receipt.id}/history`, CLERK)).body;
      for (const e of history) expect(e.occurredAt).toMatch(BEIJING);
      const list = (await api.call('GET', `/applications?caseNumber=${receipt.caseNumber}`, CLERK)).body;
      expect(list.cases.map((c: { since: string }) => c.since)).toEqual([expect.stringMatching(BEIJING)]);

      await api.call('POST', `/applications/${receipt.id}/events`, {
        ...CLERK,
        body: { type: 'VERIFY_IDENTITY', method: 'id-card-reader+face', passed: true },
      });
      const forward = await api.call('POST', `/applications/${receipt.id}/events`, {
        ...CLERK,
        body: { type: 'FORWARD', channel: 'courier', waybillNumber: 'SF7100000710' },
      });
      expect(forward.status).toBe(200);
      // The officer checks the parcel in (签收): the case awaits acceptance in the inbox.
      await checkInCase(api.call, OFFICER, receipt.id);
      await api.startWorker();
      const inbox = await eventually(
        async () => (await api.call('GET', `/inbox?jurisdiction=J310115-SFJ&pageSize=200`, OFFICER)).body,
        (page) => page.cases.some((c: { id: string }) => c.id === receipt.id),
        { what: `case ${receipt.caseNumber} in the inbox` },
      );
      for (const c of inbox.cases) expect(c.since).toMatch(BEIJING);
      const transfers = (await api.call('GET', `/applications/${receipt.id}`, OFFICER)).body.transfers;
      expect(transfers[0].dispatchedAt).toMatch(BEIJING);
      const accepted = await api.call('POST', `/applications/${receipt.id}/events`, {
        ...OFFICER,
        body: { type: 'ACCEPT' },
      });
      expect(accepted.status).toBe(200);
      const stats = (await api.call('GET', '/statistics?from=2026-01-01', SUPERVISOR)).body;
      expect(stats.asOf).toMatch(BEIJING);
      expect(stats.from).toBe('2026-01-01T00:00:00.000+08:00');
    });
  });
});
